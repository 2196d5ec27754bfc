package dev.gaus.server.internal.http;

import dev.gaus.server.internal.auth.AuthThrottle;
import dev.gaus.server.internal.auth.RegistrationSeal;
import dev.gaus.server.internal.auth.TokenService;
import dev.gaus.server.internal.metrics.ServerMetrics;
import dev.gaus.server.internal.store.StoreCache;
import dev.gaus.server.internal.store.Stores;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;

/**
 * The device API as a tree of Jetty handlers, laid out like {@code protocol.md}. Each route's
 * checks run in the order the protocol gives them: path (404), method (405 with {@code Allow}),
 * bearer token on device paths (401, 403), content type (415), body size (413); then the
 * endpoint. {@link ProblemMapping}, outermost, answers every refusal and failure as a problem;
 * a {@link CountedRoute} counts each answer of the endpoints that have a metric.
 */
public final class ApiRoutes {
    private ApiRoutes() {}

    /**
     * The API over {@code store}, its reads on the device paths answered from {@code cache}: every endpoint wired, register and authenticate throttled by
     * {@code throttle}, every answer counted in {@code metrics}.
     */
    public static Handler create(Stores store, StoreCache cache, TokenService tokens,
            AuthThrottle throttle, ServerMetrics metrics, Clock clock, Supplier<URI> publicUrl) {
        CredentialCheck credentials = new CredentialCheck(store.secrets(), throttle);
        PathMappingsHandler routes = new PathMappingsHandler();
        routes.addMapping(new ServletPathSpec("/health"),
                new AllowedMethods(EndpointHandler.withoutBody(new HealthEndpoint(store)), "GET"));
        routes.addMapping(new ServletPathSpec(OpenApiEndpoint.PATH),
                new AllowedMethods(EndpointHandler.withoutBody(new OpenApiEndpoint()), "GET"));
        routes.addMapping(new ServletPathSpec("/register"), new CountedRoute(new AllowedMethods(
                EndpointHandler.withJsonBody(new RegisterEndpoint(cache, store.devices(), credentials,
                        new RegistrationSeal(store.idempotencySealKey()), clock)), "POST"), metrics::registered));
        routes.addMapping(new ServletPathSpec("/authenticate"), new CountedRoute(new AllowedMethods(
                EndpointHandler.withJsonBody(new AuthenticateEndpoint(store.devices(), credentials, tokens)), "POST"),
                metrics::authenticated));
        routes.addMapping(new ServletPathSpec(DevicePath.PREFIX + "*"), new DeviceRoutes()
                .route("check-for-updates", new CountedRoute(new AllowedMethods(
                        new BearerAuthentication(EndpointHandler.withoutBody(
                                new CheckForUpdatesEndpoint(cache, publicUrl)), tokens, cache), "GET"),
                        metrics::checkedForUpdates))
                .route("report", new CountedRoute(new AllowedMethods(
                        new BearerAuthentication(EndpointHandler.withJsonBody(
                                new ReportEndpoint(store.reports(), clock)), tokens, cache), "POST"),
                        metrics::reported)));
        routes.addMapping(new ServletPathSpec(DownloadHandler.PATH_PREFIX + "*"),
                new AllowedMethods(new DownloadHandler(store.updates(), metrics), "GET", "HEAD"));
        return new ProblemMapping(routes);
    }

    /** What the metrics listener answers: {@code GET /metrics}, problems for anything else. */
    public static Handler metrics(ServerMetrics metrics) {
        return new ProblemMapping(new MetricsHandler(metrics));
    }
}
