package dev.gaus.server.internal.http;

import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A route's methods: any other is answered 405 with {@code Allow}, before any other check. */
final class AllowedMethods extends Handler.Wrapper {
    private final Set<String> methods;
    private final String allow;

    AllowedMethods(Handler handler, String... methods) {
        super(handler);
        this.methods = Set.of(methods);
        this.allow = String.join(", ", methods);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!methods.contains(request.getMethod())) {
            throw Problems.methodNotAllowed(allow);
        }
        return super.handle(request, response, callback);
    }
}
