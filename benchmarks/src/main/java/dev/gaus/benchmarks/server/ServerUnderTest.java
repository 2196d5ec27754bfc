package dev.gaus.benchmarks.server;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** The server the load goes to: its address and the product keys devices register with. */
interface ServerUnderTest extends AutoCloseable {
    URI url();

    AuthParameters product();

    @Override
    void close();

    /** The product keys of a {@code bootstrap.conf}. */
    static AuthParameters productOf(Path bootstrapFile) {
        Map<String, String> values = KeyValueFile.read(bootstrapFile);
        String accessKey = values.get(KeyValueFile.PRODUCT_ACCESS_KEY);
        String secretKey = values.get(KeyValueFile.PRODUCT_SECRET_KEY);
        if (accessKey == null || secretKey == null) {
            throw new IllegalArgumentException(bootstrapFile + " holds no PRODUCT_ACCESS_KEY and PRODUCT_SECRET_KEY");
        }
        return new AuthParameters(accessKey, secretKey);
    }

    /** A server somebody else started (e.g. another store, another machine's build). */
    static ServerUnderTest external(URI url, Path bootstrapFile) {
        AuthParameters product = productOf(bootstrapFile);
        return new ServerUnderTest() {
            @Override
            public URI url() {
                return url;
            }

            @Override
            public AuthParameters product() {
                return product;
            }

            @Override
            public void close() {
                // not ours to stop
            }
        };
    }
}
