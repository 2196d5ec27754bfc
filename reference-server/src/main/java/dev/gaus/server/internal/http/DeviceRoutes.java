package dev.gaus.server.internal.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The routes under {@link DevicePath#PREFIX}: {@code /device/{productGUID}/{deviceGUID}/{action}}
 * goes to the handler of its action, with the parsed path as {@link DevicePath#of}; any other path
 * there is no route (404).
 */
final class DeviceRoutes extends Handler.AbstractContainer {
    private final Map<String, Handler> actions = new LinkedHashMap<>();

    /** Routes {@code /device/{productGUID}/{deviceGUID}/action} to {@code handler}. */
    DeviceRoutes route(String action, Handler handler) {
        if (isStarted()) {
            throw new IllegalStateException("routes are fixed once the server has started");
        }
        actions.put(action, handler);
        addBean(handler);
        return this;
    }

    @Override
    public List<Handler> getHandlers() {
        return List.copyOf(actions.values());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        DevicePath path = DevicePath.parse(DevicePath.fullPath(request));
        Handler handler = path == null ? null : actions.get(path.action());
        if (handler == null) {
            return false;
        }
        request.setAttribute(DevicePath.ATTRIBUTE, path);
        return handler.handle(request, response, callback);
    }
}
