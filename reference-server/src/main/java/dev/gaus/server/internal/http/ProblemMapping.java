package dev.gaus.server.internal.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Outermost wrapper of the API: what a handler throws before it has taken charge of the
 * response (an {@link ApiException} from a check, a store outage, a bug) becomes a problem
 * response, never a stack trace, and a path no route matches is a 404 problem.
 */
final class ProblemMapping extends Handler.Wrapper {
    ProblemMapping(Handler routes) {
        super(routes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Replies.write(refusedUnread(request, Replies.problem(Problems.notFound())), response, callback);
            }
        } catch (Throwable e) {
            Replies.write(refusedUnread(request, Replies.map(request, e)), response, callback);
        }
        return true;
    }

    /**
     * Handlers throw only before they read the body. Jetty closes such a connection when the
     * rest of the body has not arrived yet (over TLS it often comes in a later record), after an
     * answer that did not say so: a client reusing the connection then loses its next request.
     * So on HTTP/1 the answer says it ({@code Connection: close}); HTTP/2 streams are unaffected.
     */
    private static Reply refusedUnread(Request request, Reply refusal) {
        boolean http1 = request.getConnectionMetaData().getHttpVersion().getVersion() < 20;
        boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (http1 && hasBody) {
            refusal.header("Connection", "close");
        }
        return refusal;
    }
}
