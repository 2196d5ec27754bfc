package dev.gaus.server.internal.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.PathMappingsHandler;

/** The parts of a {@code /device/{productGUID}/{deviceGUID}/{action}} path. */
record DevicePath(String productGuid, String deviceGuid, String action) {
    static final String PREFIX = "/device/";
    /** The request attribute that holds the parsed path, so the checks inside a route need not parse it again. */
    static final String ATTRIBUTE = DevicePath.class.getName();

    /**
     * The parts of {@code path}, or null unless it is {@code /device/} followed by exactly three
     * non-empty segments. Split at its slashes: every poll comes this way, and a pattern match
     * per request cost more than the rest of the routing.
     */
    static DevicePath parse(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return null;
        }
        int product = PREFIX.length();
        int device = path.indexOf('/', product) + 1;
        if (device <= product + 1) {
            return null;
        }
        int action = path.indexOf('/', device) + 1;
        if (action <= device + 1 || action == path.length() || path.indexOf('/', action) >= 0) {
            return null;
        }
        return new DevicePath(path.substring(product, device - 1), path.substring(device, action - 1),
                path.substring(action));
    }

    /** The device path {@link DeviceRoutes} parsed for this request, or null outside its routes. */
    static DevicePath of(Request request) {
        return (DevicePath) request.getAttribute(ATTRIBUTE);
    }

    /**
     * The decoded path as the client sent it. Inside a route, {@link PathMappingsHandler} makes
     * the path in context relative to the matched spec, so it is read from the request it wraps.
     */
    static String fullPath(Request request) {
        return Request.getPathInContext(Request.unWrap(request));
    }
}
