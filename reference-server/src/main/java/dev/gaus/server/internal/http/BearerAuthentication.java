package dev.gaus.server.internal.http;

import dev.gaus.server.internal.auth.TokenService;
import dev.gaus.server.internal.auth.TokenService.DeviceClaims;
import dev.gaus.server.internal.store.DeviceStandings;
import dev.gaus.server.internal.store.StoreCache;
import dev.gaus.server.internal.store.StoreRecords.DeviceStanding;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Guards a {@code /device/{productGUID}/{deviceGUID}/...} route: a bearer token (401 when missing
 * or invalid) of that very device (403 otherwise) that is still active (401 once revoked, within
 * {@link DeviceStandings#MAX_AGE} on every server of the store). The
 * verified access is handed to the endpoint as a request attribute.
 */
final class BearerAuthentication extends Handler.Wrapper {
    private static final String ACCESS = DeviceAccess.class.getName();

    private final TokenService tokens;
    private final StoreCache cache;

    BearerAuthentication(Handler handler, TokenService tokens, StoreCache cache) {
        super(handler);
        this.tokens = tokens;
        this.cache = cache;
    }

    /** A verified token of an active device, and what its product says, read with that check. */
    record DeviceAccess(DevicePath path, DeviceClaims claims, DeviceStanding standing) {
    }

    /** The access the wrapper verified for this request, or null on routes it does not guard. */
    static DeviceAccess of(Request request) {
        return (DeviceAccess) request.getAttribute(ACCESS);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        request.setAttribute(ACCESS, authorize(request, DevicePath.of(request)));
        return super.handle(request, response, callback);
    }

    private DeviceAccess authorize(Request request, DevicePath path) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw Problems.missingToken();
        }
        String trimmed = authorization.strip();
        if (trimmed.length() < 7 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Problems.invalidToken();
        }
        DeviceClaims claims;
        try {
            claims = tokens.verify(trimmed.substring(7).strip());
        } catch (TokenService.InvalidTokenException e) {
            throw Problems.invalidToken();
        }
        if (!claims.productGuid().equals(path.productGuid()) || !claims.deviceGuid().equals(path.deviceGuid())) {
            throw Problems.forbidden();
        }
        // A revoked device's tokens stop working on every instance within DeviceStandings.MAX_AGE.
        DeviceStanding standing = cache.standing(claims.deviceGuid(), claims.productGuid())
                .orElseThrow(Problems::invalidToken);
        return new DeviceAccess(path, claims, standing);
    }
}
