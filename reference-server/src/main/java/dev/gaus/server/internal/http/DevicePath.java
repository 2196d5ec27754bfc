package dev.gaus.server.internal.http;

import java.util.Map;
import org.eclipse.jetty.http.pathmap.UriTemplatePathSpec;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.PathMappingsHandler;

/** The {@code {productGUID}} and {@code {deviceGUID}} of a {@code /device/...} route, as matched by its template. */
record DevicePath(String productGuid, String deviceGuid) {
    static final String PRODUCT = "productGUID";
    static final String DEVICE = "deviceGUID";

    /** The template of a device path ending in {@code action}. */
    static UriTemplatePathSpec template(String action) {
        return new UriTemplatePathSpec("/device/{" + PRODUCT + "}/{" + DEVICE + "}/" + action);
    }

    /** The path parameters of the request's route, or null on a route without them. */
    static DevicePath of(Request request) {
        if (!(request.getAttribute(PathMappingsHandler.PATHSPEC_ATTR) instanceof UriTemplatePathSpec spec)) {
            return null;
        }
        Map<String, String> params = spec.getPathParams(fullPath(request));
        if (params == null || !params.containsKey(PRODUCT)) {
            return null;
        }
        return new DevicePath(params.get(PRODUCT), params.get(DEVICE));
    }

    /**
     * The decoded path as the client sent it. Inside a route, {@link PathMappingsHandler} makes
     * the path in context relative to the matched spec, so it is read from the request it wraps.
     */
    static String fullPath(Request request) {
        return Request.getPathInContext(Request.unWrap(request));
    }
}
