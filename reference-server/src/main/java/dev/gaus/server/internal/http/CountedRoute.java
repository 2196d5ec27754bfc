package dev.gaus.server.internal.http;

import java.util.function.IntConsumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Tells {@code count} the status of every answer of a route once it is sent, refusals included:
 * it wraps the route's own {@link ProblemMapping}, so what a check throws is counted too.
 */
final class CountedRoute extends Handler.Wrapper {
    private final IntConsumer count;

    CountedRoute(Handler route, IntConsumer count) {
        super(new ProblemMapping(route));
        this.count = count;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(request, response, new Callback() {
            @Override
            public void succeeded() {
                count.accept(response.getStatus());
                callback.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                count.accept(response.getStatus());
                callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        });
    }
}
