package dev.gaus.conformance.internal;

/** One registration made by a scenario, and what the server told about it so far. */
public final class Device {
    private final String alias;
    private final String deviceId;
    private final String accessKey;
    private final String secretKey;
    private String deviceGUID;
    private String productGUID;
    private String token;

    public Device(String alias, String deviceId, String accessKey, String secretKey) {
        this.alias = alias;
        this.deviceId = deviceId;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public String alias() {
        return alias;
    }

    public String deviceId() {
        return deviceId;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String deviceGUID() {
        return require(deviceGUID);
    }

    public String productGUID() {
        return require(productGUID);
    }

    public String token() {
        return require(token);
    }

    public boolean isAuthenticated() {
        return token != null;
    }

    void authenticated(String deviceGUID, String productGUID, String token) {
        this.deviceGUID = deviceGUID;
        this.productGUID = productGUID;
        this.token = token;
    }

    /** The path of one of this device's endpoints, e.g. {@code check-for-updates}. */
    public String path(String endpoint) {
        return "/device/" + productGUID() + "/" + deviceGUID() + "/" + endpoint;
    }

    private String require(String value) {
        if (value == null) {
            throw new IllegalStateException("device \"" + alias + "\" has not authenticated yet");
        }
        return value;
    }
}
