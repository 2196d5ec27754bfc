package dev.gaus.server.internal.http;

import dev.gaus.server.internal.auth.TokenService.DeviceClaims;
import dev.gaus.server.internal.http.BearerAuthentication.DeviceAccess;
import java.util.List;
import org.eclipse.jetty.server.Request;

/** One request as an endpoint sees it: the matched path parts, the body read within limits, who asks. */
public final class Exchange {
    private final Request request;
    private final byte[] body;
    private final DeviceAccess access;

    /** {@code access} is null on paths without a bearer token. */
    Exchange(Request request, byte[] body, DeviceAccess access) {
        this.request = request;
        this.body = body;
        this.access = access;
    }

    /** A request header, or null. */
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** Every value of a header that may be repeated, joined with commas as RFC 9110 allows; null when absent. */
    public String headerList(String name) {
        List<String> values = request.getHeaders().getValuesList(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** The query string as sent (not decoded), or null. */
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    /** The client's IP address as seen on the socket (proxy headers are not trusted). */
    public String clientAddress() {
        return Request.getRemoteAddr(request);
    }

    /** Path parameter {@code {productGUID}}, or null on paths without one. */
    public String productGuid() {
        return access == null ? null : access.path().productGuid();
    }

    public String deviceGuid() {
        return access == null ? null : access.path().deviceGuid();
    }

    /** The body, empty when none was read. */
    public byte[] body() {
        return body;
    }

    /** On token-guarded paths, the catalog version of the device's product, read with the device check. */
    public long catalogVersion() {
        return access == null ? -1 : access.standing().catalogVersion();
    }

    /** On token-guarded paths, the poll interval of the device's product, read with the device check. */
    public long pollIntervalSeconds() {
        return access == null ? -1 : access.standing().pollIntervalSeconds();
    }

    /** The claims of the verified token on token-guarded paths, else null. */
    public DeviceClaims claims() {
        return access == null ? null : access.claims();
    }
}
