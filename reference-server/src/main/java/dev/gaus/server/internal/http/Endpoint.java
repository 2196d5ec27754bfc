package dev.gaus.server.internal.http;

/** One endpoint of the API; it answers or throws an {@link ApiException}. */
@FunctionalInterface
public interface Endpoint {
    Reply handle(Exchange exchange);
}
