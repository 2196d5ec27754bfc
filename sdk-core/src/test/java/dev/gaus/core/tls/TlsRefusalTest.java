package dev.gaus.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.internal.PinMismatchException;
import dev.gaus.core.internal.TlsRefusal;
import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The one reading of a refused handshake, on exception chains shaped as the JDK's (the handshakes
 * themselves run against real servers in the SDK's and the kit's HTTPS tests).
 */
class TlsRefusalTest {
    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }

    private static CertificateException certificate(Throwable cause) {
        return new CertificateException(cause.getMessage(), cause);
    }

    @Test
    void of_readsTheCheckThatRefused_fromDownTheChain() {
        assertThat(TlsRefusal.of(handshake("PKIX path building failed", certificate(
                new CertPathBuilderException("unable to find valid certification path to requested target")))))
                .contains(TlsRefusal.UNKNOWN_ISSUER);
        assertThat(TlsRefusal.of(handshake("PKIX path validation failed", certificate(new CertPathValidatorException(
                "validity check failed", new CertificateExpiredException("NotAfter"), null, -1, BasicReason.EXPIRED)))))
                .contains(TlsRefusal.EXPIRED);
        assertThat(TlsRefusal.of(handshake("PKIX path validation failed", certificate(new CertPathValidatorException(
                "validity check failed", null, null, -1, BasicReason.NOT_YET_VALID)))))
                .contains(TlsRefusal.NOT_YET_VALID);
        assertThat(TlsRefusal.of(handshake("(certificate_unknown) No subject alternative names matching IP address "
                + "127.0.0.1 found", null))).contains(TlsRefusal.WRONG_HOST);
        assertThat(TlsRefusal.of(handshake("Received fatal alert: protocol_version", null)))
                .contains(TlsRefusal.PROTOCOL);
        assertThat(TlsRefusal.of(handshake("No negotiable cipher suite", null))).contains(TlsRefusal.PROTOCOL);
        assertThat(TlsRefusal.of(handshake("Remote host terminated the handshake", null))).contains(TlsRefusal.OTHER);
    }

    @Test
    void of_prefersTheCheckOfOneCertificate_overTheChainsNoTrustedCa() {
        Throwable pinned = handshake("PKIX path validation failed",
                new PinMismatchException("the server's key is sha256//abc"));
        assertThat(TlsRefusal.of(pinned)).contains(TlsRefusal.PIN_MISMATCH);
        Throwable expiredInAnUntrustedChain = handshake("unable to find valid certification path",
                certificate(new CertificateExpiredException("NotAfter: Thu Jan 01 00:00:00 UTC 2026")));
        assertThat(TlsRefusal.of(expiredInAnUntrustedChain)).contains(TlsRefusal.EXPIRED);
    }

    @Test
    void of_findsAHandshakeWrappedInAnIoException_andAPlainTextPort() {
        assertThat(TlsRefusal.of(new IOException("wrapped", handshake("PKIX path building failed",
                new CertPathBuilderException("unable to find valid certification path"))))).contains(TlsRefusal.UNKNOWN_ISSUER);
        assertThat(TlsRefusal.of(new SSLException("Unsupported or unrecognized SSL message")))
                .contains(TlsRefusal.NOT_TLS);
    }

    @Test
    void of_isEmptyForNetworkFailures_whichMayGoAwayWhenTriedAgain() {
        assertThat(TlsRefusal.of(new ConnectException("Connection refused"))).isEmpty();
        assertThat(TlsRefusal.of(new IOException("Connection reset"))).isEmpty();
        assertThat(TlsRefusal.of(new SSLException("Connection reset"))).isEmpty();
    }

    @Test
    @Timeout(5)
    void of_endsOnACauseChainThatLoops() {
        IOException outer = new IOException("outer");
        IOException inner = new IOException("inner", outer);
        outer.initCause(inner);

        assertThat(TlsRefusal.of(outer)).isEmpty();
    }
}
