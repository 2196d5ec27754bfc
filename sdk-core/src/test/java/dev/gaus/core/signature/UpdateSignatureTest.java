package dev.gaus.core.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignature;
import dev.gaus.core.UpdateSignature.Fields;
import dev.gaus.core.UpdateSignatureException;
import dev.gaus.core.VersionScheme;
import dev.gaus.core.message.Update;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The canonical text, Ed25519 signatures over it and the trusted-key format. The expected key id
 * and signature were made by OpenSSL 3 ({@code openssl pkeyutl -sign -rawin}) from the secret key
 * of RFC 8032 section 7.1, test 1, so they do not rest on this code alone.
 */
class UpdateSignatureTest {
    /** RFC 8032 7.1 TEST 1 as PKCS#8 DER. */
    private static final String RFC8032_PKCS8 =
            "302e020100300506032b6570042204209d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC8032_PUBLIC = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    private static final String RFC8032_KEY_ID = "21fe31dfa154a261";
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String PRODUCT = "7f1c2a3e-0d4b-4c1e-9a57-3b2f1e0c9d88";
    private static final String OPENSSL_SIGNATURE =
            "hh9Z0Hd+V6WPS03Gyl0IVwxgdELALScmTJ9BBlBK+ixoe6WlgtpkQSAdKa2bAoQEVWHU1ObrZw4zYRH5M1w5Cg==";

    private static final Fields FIELDS = new Fields(PRODUCT, "firmware", "1.0.2", VersionScheme.SEMVER, 400_000, SHA);

    private static PrivateKey rfc8032Key() throws Exception {
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(HexFormat.of().parseHex(RFC8032_PKCS8)));
    }

    private static UpdateKey rfc8032PublicKey() {
        return UpdateKey.parse(RFC8032_KEY_ID + ":" + RFC8032_PUBLIC);
    }

    @Test
    void canonicalText_isTheVersionedLinesOfTheProtocol() {
        assertThat(FIELDS.canonicalText()).isEqualTo("gaus-update-signature-v1\n"
                + "product=" + PRODUCT + "\n"
                + "type=firmware\n"
                + "version=1.0.2\n"
                + "versionScheme=semver\n"
                + "size=400000\n"
                + "sha256=" + SHA + "\n");
    }

    @Test
    void canonicalText_isUtf8_andTheSha256IsWrittenInLowerCase() {
        Fields f = new Fields(PRODUCT, "firmware", "1.0.2-é", VersionScheme.SEMVER, 1, SHA.toUpperCase());
        assertThat(f.sha256()).isEqualTo(SHA);
        assertThat(f.canonicalBytes()).isEqualTo(f.canonicalText().getBytes(StandardCharsets.UTF_8));
        assertThat(new String(f.canonicalBytes(), StandardCharsets.UTF_8)).contains("version=1.0.2-é\n");
    }

    @Test
    void sign_givesWhatOpenSslGivesForTheRfc8032Key_andTheKeyIdIsOpenSsls() throws Exception {
        assertThat(UpdateSignature.sign(FIELDS, rfc8032Key())).isEqualTo(OPENSSL_SIGNATURE);
        assertThat(rfc8032PublicKey().id()).isEqualTo(RFC8032_KEY_ID);
        assertThat(UpdateSignature.verify(FIELDS, OPENSSL_SIGNATURE, rfc8032PublicKey())).isTrue();
    }

    @Test
    void verify_refusesEveryOtherField() {
        UpdateKey key = rfc8032PublicKey();
        String other = "0".repeat(64);
        for (Fields f : new Fields[] {
            new Fields("another-product", "firmware", "1.0.2", VersionScheme.SEMVER, 400_000, SHA),
            new Fields(PRODUCT, "app", "1.0.2", VersionScheme.SEMVER, 400_000, SHA),
            new Fields(PRODUCT, "firmware", "1.0.3", VersionScheme.SEMVER, 400_000, SHA),
            new Fields(PRODUCT, "firmware", "1.0.2", VersionScheme.STRING, 400_000, SHA),
            new Fields(PRODUCT, "firmware", "1.0.2", VersionScheme.SEMVER, 400_001, SHA),
            new Fields(PRODUCT, "firmware", "1.0.2", VersionScheme.SEMVER, 400_000, other)}) {
            assertThat(UpdateSignature.verify(f, OPENSSL_SIGNATURE, key)).as(f.canonicalText()).isFalse();
        }
    }

    @Test
    void verify_refusesAnotherKey_andAnAlteredSignature() throws Exception {
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThat(UpdateSignature.verify(FIELDS, OPENSSL_SIGNATURE, UpdateKey.of(other.getPublic()))).isFalse();
        byte[] altered = Base64.getDecoder().decode(OPENSSL_SIGNATURE);
        altered[10] ^= 0x01;
        assertThat(UpdateSignature.verify(FIELDS, Base64.getEncoder().encodeToString(altered), rfc8032PublicKey()))
                .isFalse();
    }

    @Test
    void verify_saysWhenTheSignatureIsCutShortOrNotBase64() {
        assertThatThrownBy(() -> UpdateSignature.verify(FIELDS, OPENSSL_SIGNATURE.substring(0, 60), rfc8032PublicKey()))
                .isInstanceOf(UpdateSignatureException.class).hasMessage("the signature has 45 bytes; an Ed25519 signature has 64");
        assertThatThrownBy(() -> UpdateSignature.verify(FIELDS, "not*base64", rfc8032PublicKey()))
                .isInstanceOf(UpdateSignatureException.class).hasMessage("the signature is not base64");
        assertThatThrownBy(() -> UpdateSignature.verify(FIELDS, "", rfc8032PublicKey()))
                .isInstanceOf(UpdateSignatureException.class).hasMessage("the signature is empty");
    }

    @Test
    void fields_refuseWhatTheCanonicalTextCannotHold() {
        assertThatThrownBy(() -> new Fields(PRODUCT, "firmware", "1.0.2\nsize=1", VersionScheme.SEMVER, 1, SHA))
                .isInstanceOf(UpdateSignatureException.class)
                .hasMessage("the version holds a control character (such as a line break), which the signed text cannot hold");
        assertThatThrownBy(() -> new Fields(PRODUCT, "fw\r", "1", VersionScheme.SEMVER, 1, SHA))
                .hasMessageStartingWith("the updateType holds a control character");
        assertThatThrownBy(() -> new Fields("p\u0000", "fw", "1", VersionScheme.SEMVER, 1, SHA))
                .hasMessageStartingWith("the productGUID holds a control character");
        assertThatThrownBy(() -> new Fields(PRODUCT, "fw", "1\u0085", VersionScheme.SEMVER, 1, SHA))
                .hasMessageStartingWith("the version holds a control character");
        assertThatThrownBy(() -> new Fields(PRODUCT, "fw", "1\ud800", VersionScheme.SEMVER, 1, SHA))
                .hasMessage("the version is not valid Unicode");
        assertThatThrownBy(() -> new Fields(PRODUCT, "", "1", VersionScheme.SEMVER, 1, SHA))
                .hasMessage("the updateType of a signed update must not be empty");
        assertThatThrownBy(() -> new Fields(PRODUCT, "fw", "1", VersionScheme.SEMVER, -1, SHA))
                .hasMessage("the size of a signed update must not be negative");
        assertThatThrownBy(() -> new Fields(PRODUCT, "fw", "1", VersionScheme.SEMVER, 1, "abc"))
                .hasMessage("the SHA-256 of a signed update must be 64 hex characters");
    }

    @Test
    void announcedFields_comeFromTheAnswerAndTheDevicesOwnProduct() {
        Update u = update(Map.of("toSha256", SHA, UpdateSignature.VERSION_SCHEME_METADATA_KEY, "semver"));
        assertThat(Fields.announced(PRODUCT, u)).isEqualTo(FIELDS);
        assertThatThrownBy(() -> Fields.announced(PRODUCT, update(Map.of("toSha256", SHA))))
                .isInstanceOf(UpdateSignatureException.class).hasMessage("it announces no metadata gausVersionScheme");
        assertThatThrownBy(() -> Fields.announced(PRODUCT, update(Map.of("toSha256", SHA, "gausVersionScheme", "SEMVER"))))
                .hasMessage("its metadata gausVersionScheme is not in lower case");
        assertThatThrownBy(() -> Fields.announced(PRODUCT, update(Map.of("toSha256", SHA, "gausVersionScheme", "calver"))))
                .hasMessage("its metadata gausVersionScheme names no version scheme this SDK knows");
        assertThatThrownBy(() -> Fields.announced(PRODUCT, update(Map.of("gausVersionScheme", "semver"))))
                .hasMessage("it announces no metadata toSha256, which its signature must cover");
    }

    private static Update update(Map<String, String> metadata) {
        return new Update("u-1", "firmware", "1.0.2", "file", "http://x/f", 400_000, "0".repeat(32), metadata);
    }

    @Test
    void updateKey_roundTripsThroughItsEntry_andFromAJdkKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        UpdateKey key = UpdateKey.of(pair.getPublic());
        assertThat(UpdateKey.parse(key.entry())).isEqualTo(key);
        assertThat(key.entry()).matches("[0-9a-f]{16}:[A-Za-z0-9+/]{43}=");
        assertThat(UpdateKey.fromRaw(key.raw()).publicKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        String signature = UpdateSignature.sign(FIELDS, pair.getPrivate());
        assertThat(UpdateSignature.verify(FIELDS, signature, UpdateKey.parse(key.entry()))).isTrue();
    }

    @Test
    void updateKeyList_readsSeveralKeys_andRefusesWhatIsWrongInOneLine() throws Exception {
        UpdateKey a = UpdateKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
        UpdateKey b = rfc8032PublicKey();
        assertThat(UpdateKey.parseList(a.entry() + ", " + b.entry())).containsExactly(a, b);
        assertThat(UpdateKey.format(UpdateKey.parseList(a + "," + b))).isEqualTo(a + "," + b);
        assertThat(UpdateKey.parseList("")).isEmpty();
        assertThatThrownBy(() -> UpdateKey.parseList(a + ",," + b)).isInstanceOf(UpdateSignatureException.class)
                .hasMessage("the list of update keys has an empty entry");
        assertThatThrownBy(() -> UpdateKey.parseList(a + "," + a)).hasMessage("update key " + a.id() + " is listed twice");
        assertThatThrownBy(() -> UpdateKey.parse("0000000000000000:" + RFC8032_PUBLIC))
                .hasMessage("update key '0000000000000000' is not the id of its public key, which is " + RFC8032_KEY_ID);
        assertThatThrownBy(() -> UpdateKey.parse(RFC8032_KEY_ID + ":11qY*AAA"))
                .hasMessage("the public key of update key '" + RFC8032_KEY_ID + "' is not base64");
        assertThatThrownBy(() -> UpdateKey.parse(RFC8032_KEY_ID + ":AAAA"))
                .hasMessage("the public key of update key '" + RFC8032_KEY_ID + "' has 3 bytes; an Ed25519 public key has 32");
        assertThatThrownBy(() -> UpdateKey.parse(RFC8032_PUBLIC))
                .hasMessage("an update key is written <key id>:<base64 public key>");
    }

    @Test
    void sign_refusesAKeyThatIsNotEd25519_withoutShowingIt() throws Exception {
        PrivateKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
        assertThatThrownBy(() -> UpdateSignature.sign(FIELDS, ec)).isInstanceOf(UpdateSignatureException.class)
                .hasMessage("the signing key is not an Ed25519 private key");
    }
}
