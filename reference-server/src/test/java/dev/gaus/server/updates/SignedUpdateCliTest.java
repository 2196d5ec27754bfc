package dev.gaus.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.KeyValueFile;
import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignature;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.Update;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.Cli;
import dev.gaus.server.testing.Cli.Run;
import dev.gaus.server.testing.RawHttp;
import dev.gaus.server.testing.ServerFixture;
import dev.gaus.server.testing.SigningKeys;
import dev.gaus.server.testing.SigningKeys.Key;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signing-key generate}, {@code update sign} (offline), {@code update publish --signature /
 * --sign-with} and {@code product require-signatures}, against the store of a running server.
 */
class SignedUpdateCliTest {
    private static ServerFixture fixture;
    private static Path file;
    private static Key keyA;
    private static Key keyB;

    @TempDir
    static Path keys;

    @BeforeAll
    static void start() throws IOException {
        fixture = ServerFixture.start();
        file = Files.writeString(fixture.dataDir().resolve("fw.bin"), "signed firmware bytes");
        keyA = SigningKeys.generate(keys.resolve("a.pem"));
        keyB = SigningKeys.generate(keys.resolve("b.pem"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Run admin(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--data-dir";
        all[args.length + 1] = fixture.dataDir().toString();
        return Cli.run(all);
    }

    /** Creates a product and returns its productGUID. */
    private static String product(String name) {
        admin("product", "create", "--name", name).ok();
        return admin("product", "list").ok().lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow()
                .split("\\s+")[1];
    }

    private static Path signature(String name, String productGuid, String version, Path signed, Key key)
            throws IOException {
        String text = Cli.run("update", "sign", "--key", key.file().toString(), "--product", productGuid, "--type",
                "firmware", "--version", version, "--file", signed.toString()).ok();
        return Files.writeString(keys.resolve(name), text);
    }

    private static Run publish(String product, String version, String... extra) {
        List<String> args = new ArrayList<>(List.of("update", "publish", "--product", product, "--type", "firmware",
                "--version", version, "--file", file.toString()));
        args.addAll(List.of(extra));
        return admin(args.toArray(String[]::new));
    }

    private static long storedFiles() throws IOException {
        Path files = fixture.dataDir().resolve("files");
        if (!Files.exists(files)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(files)) {
            return s.count();
        }
    }

    @Test
    void generate_writesAnOwnerOnlyPem_printsOnlyTheBootstrapLine_andNeverOverwrites() throws IOException {
        Path pem = keys.resolve("fresh.pem");
        Run run = Cli.run("signing-key", "generate", "--out", pem.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).matches("GAUS_UPDATE_KEYS=\"[0-9a-f]{16}:[A-Za-z0-9+/]{43}=\"\n");
        assertThat(Files.getPosixFilePermissions(pem)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String text = Files.readString(pem);
        assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----\n").contains("-----BEGIN PUBLIC KEY-----");
        String privateBase64 = text.lines().skip(1).findFirst().orElseThrow();
        assertThat(run.out() + run.err()).doesNotContain(privateBase64);
        String entry = run.out().substring("GAUS_UPDATE_KEYS=\"".length(), run.out().length() - 2);
        assertThat(UpdateKey.parse(entry).id()).isEqualTo(entry.substring(0, 16));

        Run again = Cli.run("signing-key", "generate", "--out", pem.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("error: " + pem + " exists already: a signing key is never overwritten\n");
        assertThat(Files.readString(pem)).isEqualTo(text);
        assertThat(Cli.run("signing-key", "public", "--key", pem.toString()).ok()).isEqualTo(run.out());
    }

    @Test
    void signOffline_thenPublishTheSignature_andDevicesGetItInTheMetadata() throws IOException {
        String guid = product("signed-offline");
        Path sig = signature("offline.sig", guid, "1.0.2", file, keyA);
        Map<String, String> values = KeyValueFile.read(sig);
        assertThat(values).containsEntry("FORMAT", "gaus-update-signature-v1").containsEntry("PRODUCT", guid)
                .containsEntry("VERSION", "1.0.2").containsEntry("VERSION_SCHEME", "semver")
                .containsEntry("SIZE", "21").containsEntry("KEY_ID", keyA.id());

        publish("signed-offline", "1.0.2", "--signature", sig.toString()).ok();

        Update offered = offeredTo("signed-offline", "dev-offline").get(0);
        assertThat(offered.metadata()).containsEntry("gausSignatureKeyId", keyA.id())
                .containsEntry("gausVersionScheme", "semver").containsEntry("gausSignature", values.get("SIGNATURE"));
        assertThat(UpdateSignature.verify(UpdateSignature.Fields.announced(guid, offered),
                offered.metadata().get("gausSignature"), UpdateKey.parse(keyA.entry()))).isTrue();
    }

    @Test
    void publishSignWith_signsAndAttachesInOneStep() {
        String guid = product("signed-in-one-step");
        publish("signed-in-one-step", "2.0.0", "--sign-with", keyB.file().toString()).ok();

        Update offered = offeredTo("signed-in-one-step", "dev-one-step").get(0);
        assertThat(UpdateSignature.verify(UpdateSignature.Fields.announced(guid, offered),
                offered.metadata().get("gausSignature"), UpdateKey.parse(keyB.entry()))).isTrue();
    }

    @Test
    void requireSignatures_refusesWhatTheKeysDoNotVouchFor_inOneLine_beforeStoringAnything() throws IOException {
        String guid = product("signed-only");
        assertThat(admin("product", "require-signatures", "--name", "signed-only", "--keys", keyA.entry()).ok())
                .isEqualTo("product 'signed-only' now requires updates signed by one of: " + keyA.id() + "\n");
        Path otherFile = Files.writeString(keys.resolve("other.bin"), "other bytes");
        Path otherVersion = signature("v101.sig", guid, "1.0.1", file, keyA);
        Path otherProduct = signature("product.sig", "another-product-guid", "1.0.2", file, keyA);
        Path forOtherFile = signature("file.sig", guid, "1.0.2", otherFile, keyA);
        Path good = signature("good.sig", guid, "1.0.2", file, keyA);
        Path altered = Files.writeString(keys.resolve("altered.sig"), Files.readString(good).replaceFirst(
                "SIGNATURE=\"(.)", "SIGNATURE=\"" + (Files.readString(good).contains("SIGNATURE=\"A") ? "B" : "A")));
        Path truncated = Files.writeString(keys.resolve("truncated.sig"),
                Files.readString(good).replaceFirst("(SIGNATURE=\"[^\"]{20})[^\"]*", "$1"));
        long filesBefore = storedFiles();

        Map<Run, String> refusals = new LinkedHashMap<>();
        refusals.put(publish("signed-only", "1.0.2"), "error: product 'signed-only' requires updates signed by one of"
                + " its keys (" + keyA.id() + "): give --signature FILE or --sign-with KEY");
        refusals.put(publish("signed-only", "1.0.2", "--sign-with", keyB.file().toString()), "error: the update is"
                + " signed by key " + keyB.id() + ", but product 'signed-only' requires one of its keys (" + keyA.id() + ")");
        refusals.put(publish("signed-only", "1.0.2", "--signature", otherVersion.toString()),
                "error: " + otherVersion + " signs version '1.0.1', not '1.0.2'");
        refusals.put(publish("signed-only", "1.0.2", "--signature", otherProduct.toString()),
                "error: " + otherProduct + " signs product 'another-product-guid', not '" + guid
                        + "' (sign with --product " + guid + ", the productGUID product list shows)");
        refusals.put(publish("signed-only", "1.0.2", "--signature", forOtherFile.toString()), "error: " + forOtherFile
                + " was made for another file");
        refusals.put(publish("signed-only", "1.0.2", "--signature", altered.toString()), "error: the signature in "
                + altered + " is not its key's signature of its fields: the file was altered");
        refusals.put(publish("signed-only", "1.0.2", "--signature", truncated.toString()), "error: " + truncated
                + ": the signature has 15 bytes; an Ed25519 signature has 64");
        refusals.forEach((run, line) -> {
            assertThat(run.code()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).startsWith(line).endsWith("\n").hasLineCount(1);
            assertThat(run.out()).isEmpty();
        });
        assertThat(admin("update", "list", "--product", "signed-only").ok().lines()).hasSize(1);
        assertThat(storedFiles()).isEqualTo(filesBefore);

        publish("signed-only", "1.0.2", "--signature", good.toString()).ok();
        assertThat(admin("update", "list", "--product", "signed-only").ok().lines()).hasSize(2);
    }

    @Test
    void requireSignatures_withTwoKeys_takesEither_andNoneTakesUnsignedAgain() {
        product("rotating");
        admin("product", "require-signatures", "--name", "rotating", "--keys", keyA.entry() + "," + keyB.entry()).ok();
        publish("rotating", "1.0.0", "--sign-with", keyA.file().toString()).ok();
        publish("rotating", "1.0.1", "--sign-with", keyB.file().toString()).ok();
        assertThat(publish("rotating", "1.0.2").code()).isEqualTo(1);

        assertThat(admin("product", "require-signatures", "--name", "rotating", "--none").ok())
                .isEqualTo("product 'rotating' takes unsigned updates again\n");
        publish("rotating", "1.0.2").ok();
    }

    @Test
    void requireSignatures_refusesWrongKeysAndUsage() {
        product("wrong-keys");
        Run wrongId = admin("product", "require-signatures", "--name", "wrong-keys", "--keys",
                "0000000000000000" + keyA.entry().substring(16));
        assertThat(wrongId.code()).isEqualTo(1);
        assertThat(wrongId.err()).isEqualTo("error: --keys: update key '0000000000000000' is not the id of its public"
                + " key, which is " + keyA.id() + "\n");
        assertThat(admin("product", "require-signatures", "--name", "wrong-keys").code()).isEqualTo(2);
        assertThat(admin("product", "require-signatures", "--name", "nope", "--keys", keyA.entry()).err())
                .isEqualTo("error: no product named 'nope'\n");
        assertThat(publish("wrong-keys", "1.0.0", "--sign-with", keyA.file().toString(), "--signature", "x").err())
                .isEqualTo("error: give --signature or --sign-with, not both\n");
        assertThat(publish("wrong-keys", "1.0.0", "--metadata", "gausSignature=x").err())
                .isEqualTo("error: metadata gausSignature is computed from the file and its signature and cannot be given\n");
    }

    @Test
    void sign_refusesWhatCannotBeSigned_andABrokenKeyFile() throws IOException {
        Run newline = Cli.run("update", "sign", "--key", keyA.file().toString(), "--product", "p", "--type", "fw",
                "--version", "1\n2", "--version-type", "string", "--file", file.toString());
        assertThat(newline.code()).isEqualTo(1);
        assertThat(newline.err()).isEqualTo("error: cannot sign this update: the version holds a control character"
                + " (such as a line break), which the signed text cannot hold\n");
        Path onlyPrivate = Files.writeString(keys.resolve("only-private.pem"),
                Files.readString(keyA.file()).replaceFirst("(?s)-----BEGIN PUBLIC KEY-----.*", ""));
        Run noPublic = Cli.run("update", "sign", "--key", onlyPrivate.toString(), "--product", "p", "--type", "fw",
                "--version", "1.0.0", "--file", file.toString());
        assertThat(noPublic.err()).isEqualTo("error: " + onlyPrivate + " holds no PEM PUBLIC KEY (append it: openssl pkey"
                + " -in " + onlyPrivate + " -pubout >> " + onlyPrivate + ")\n");
        String a = Files.readString(keyA.file());
        String b = Files.readString(keyB.file());
        Path mixed = Files.writeString(keys.resolve("mixed.pem"), a.substring(0, a.indexOf("-----BEGIN PUBLIC KEY"))
                + b.substring(b.indexOf("-----BEGIN PUBLIC KEY")));
        assertThat(Cli.run("signing-key", "public", "--key", mixed.toString()).err())
                .isEqualTo("error: the PUBLIC KEY of " + mixed + " is not the one of its PRIVATE KEY\n");
        String privateLine = a.lines().skip(1).findFirst().orElseThrow();
        assertThat(noPublic.err() + newline.err()).doesNotContain(privateLine);
    }

    @Test
    void publicShellTooling_stillPollsAndDownloadsASignedUpdate() throws IOException {
        product("shell-signed");
        publish("shell-signed", "3.0.0", "--sign-with", keyA.file().toString()).ok();
        AuthenticateResponse session = session("shell-signed", "shell-unit");
        URI url = fixture.server().url();

        RawHttp.Response poll = curl(url, "GET", Api.devicePath(session, "check-for-updates") + "?firmware-version=1.0.0",
                session.token());
        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.body()).contains("\"gausSignature\":").contains("\"toSha256\":");
        Update u = GausJson.decode(poll.body().getBytes(StandardCharsets.UTF_8), CheckForUpdatesResponse.class)
                .updates().get(0);
        URI download = URI.create(u.downloadUrl());
        RawHttp.Response file = curl(url, "GET", download.getRawPath(), null);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("signed firmware bytes");
    }

    /** A request byte for byte as the public shell tooling's curl sends it. */
    private static RawHttp.Response curl(URI url, String method, String target, String token) {
        String request = method + " " + target + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nContent-Type: application/json\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
        return RawHttp.exchange(url, request.getBytes(StandardCharsets.UTF_8), null);
    }

    private static AuthenticateResponse session(String product, String deviceId) {
        String bootstrap = admin("product", "rotate-keys", "--name", product).ok();
        Map<String, String> values = KeyValueFile.parse(bootstrap, "bootstrap");
        AuthParameters productKeys = new AuthParameters(values.get("PRODUCT_ACCESS_KEY"), values.get("PRODUCT_SECRET_KEY"));
        return fixture.api().authenticateOk(fixture.api().registerOk(deviceId, productKeys));
    }

    private static List<Update> offeredTo(String product, String deviceId) {
        AuthenticateResponse s = session(product, deviceId);
        HttpResponse<String> r = fixture.api().get(Api.devicePath(s, "check-for-updates"),
                "Authorization", "Bearer " + s.token());
        assertThat(r.statusCode()).isEqualTo(200);
        return GausJson.decode(r.body().getBytes(StandardCharsets.UTF_8), CheckForUpdatesResponse.class).updates();
    }
}
