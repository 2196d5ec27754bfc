package dev.gaus.server.internal.http;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateRequest;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.server.internal.auth.AuthThrottle.Attempt;
import dev.gaus.server.internal.auth.TokenService;
import dev.gaus.server.internal.store.DeviceStore;
import dev.gaus.server.internal.store.StoreRecords.DeviceKey;
import java.util.Optional;

/** {@code POST /authenticate} (protocol section 2): device keys in, a short-lived token out. */
final class AuthenticateEndpoint implements Endpoint {
    private final DeviceStore devices;
    private final CredentialCheck credentials;
    private final TokenService tokens;

    AuthenticateEndpoint(DeviceStore devices, CredentialCheck credentials, TokenService tokens) {
        this.devices = devices;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    @Override
    public Reply handle(Exchange exchange) {
        AuthParameters keys = Json.decode(exchange.body(), AuthenticateRequest.class).deviceAuthParameters();
        Attempt attempt = credentials.admit(exchange, keys.accessKey());
        Optional<DeviceKey> device = devices.findByAccessKey(keys.accessKey());
        credentials.require(attempt, keys.secretKey(), device.map(DeviceKey::secretHash).orElse(null),
                device.map(d -> !d.revoked()).orElse(false));
        DeviceKey d = device.get();
        String token = tokens.issue(d.productGuid(), d.deviceGuid(), d.deviceId());
        return Reply.json(GausJson.encode(new AuthenticateResponse(d.deviceGuid(), d.productGuid(), token)))
                .header("Cache-Control", "no-store");
    }
}
