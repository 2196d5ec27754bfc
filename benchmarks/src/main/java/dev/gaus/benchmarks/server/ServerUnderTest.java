package dev.gaus.benchmarks.server;

import dev.gaus.core.internal.BootstrapFile;
import dev.gaus.core.message.AuthParameters;
import java.net.URI;
import java.nio.file.Path;

/** The server the load goes to: its address and the product keys devices register with. */
interface ServerUnderTest extends AutoCloseable {
    URI url();

    AuthParameters product();

    @Override
    void close();

    /** The product keys of a {@code bootstrap.conf}. */
    static AuthParameters productOf(Path bootstrapFile) {
        return BootstrapFile.read(bootstrapFile).requireProductKeys();
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
