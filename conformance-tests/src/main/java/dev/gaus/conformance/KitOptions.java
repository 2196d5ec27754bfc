package dev.gaus.conformance;

import dev.gaus.core.message.AuthParameters;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the kit.
 *
 * @param server the server's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param productKeys keys of a product on that server; the scenarios register devices with them
 * @param tags a Cucumber tag expression, or null for every scenario the options allow
 * @param reportDir where to write HTML, JUnit XML and Cucumber JSON reports, or null for none
 * @param tokenTtl the server's token lifetime; the scenarios tagged {@code @token-expiry} run
 *     only when it is given, since they wait for a token to expire
 * @param requestTimeout how long to wait for one answer
 * @param out where progress and the final table go
 * @param caCertificate a PEM file of the CA certificates to trust for an https server instead of
 *     the platform's, or null for the platform's
 */
public record KitOptions(URI server, AuthParameters productKeys, String tags, Path reportDir, Duration tokenTtl,
        Duration requestTimeout, PrintStream out, Path caCertificate) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public KitOptions {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(productKeys, "productKeys");
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        out = out == null ? System.out : out;
        if (tokenTtl != null && (tokenTtl.isNegative() || tokenTtl.isZero())) {
            throw new IllegalArgumentException("the token lifetime must be positive");
        }
    }

    public KitOptions(URI server, AuthParameters productKeys, String tags, Path reportDir, Duration tokenTtl,
            Duration requestTimeout, PrintStream out) {
        this(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, null);
    }

    public KitOptions(URI server, AuthParameters productKeys) {
        this(server, productKeys, null, null, null, null, null, null);
    }

    public KitOptions withCaCertificate(Path caCertificate) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, caCertificate);
    }

    public KitOptions withTags(String tags) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, caCertificate);
    }

    public KitOptions withReportDir(Path reportDir) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, caCertificate);
    }

    public KitOptions withTokenTtl(Duration tokenTtl) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, caCertificate);
    }

    public KitOptions withOut(PrintStream out) {
        return new KitOptions(server, productKeys, tags, reportDir, tokenTtl, requestTimeout, out, caCertificate);
    }
}
