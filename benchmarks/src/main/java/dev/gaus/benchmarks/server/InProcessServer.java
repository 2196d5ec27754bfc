package dev.gaus.benchmarks.server;

import dev.gaus.core.message.AuthParameters;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;

/** The reference server started in this JVM on a fresh embedded store. */
final class InProcessServer implements ServerUnderTest {
    private final Object server;
    private final URI url;
    private final AuthParameters product;

    private InProcessServer(Object server, URI url, AuthParameters product) {
        this.server = server;
        this.url = url;
        this.product = product;
    }

    static InProcessServer start(Path dataDir) {
        try {
            Class<?> type = Class.forName("dev.gaus.server.GausServer");
            Object builder = type.getMethod("builder").invoke(null);
            Class<?> builderType = builder.getClass();
            builderType.getMethod("port", int.class).invoke(builder, 0);
            builderType.getMethod("dataDir", Path.class).invoke(builder, dataDir);
            Object server = builderType.getMethod("start").invoke(builder);
            URI url = (URI) type.getMethod("url").invoke(server);
            Path bootstrap = (Path) type.getMethod("bootstrapFile").invoke(server);
            return new InProcessServer(server, url, ServerUnderTest.productOf(bootstrap));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the reference server is not on the class path; "
                    + "use --url and --bootstrap to load a running server", e);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("the reference server's GausServer API differs from the one expected", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the reference server did not start", e.getCause());
        }
    }

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
        try {
            Method close = server.getClass().getMethod("close");
            close.invoke(server);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the reference server did not stop cleanly", e);
        }
    }
}
