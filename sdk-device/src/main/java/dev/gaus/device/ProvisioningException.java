package dev.gaus.device;

import dev.gaus.core.GausException;

/**
 * A {@link Provisioner} run stopped: the server refused a registration for good (wrong product
 * keys: 401; a request it will not take: 400), stayed unavailable beyond the retry budget, or a
 * state could not be saved. No new request was sent after the failure; registrations already
 * under way were saved. {@link #getCause()} is the failure itself (a
 * {@link GausServiceException} or {@link GausClientException}); running again resumes, with the
 * same {@code Idempotency-Key} for each device that has no state file yet.
 */
public final class ProvisioningException extends GausException {
    private static final long serialVersionUID = 1L;

    private final String deviceId;
    private final transient ProvisionResult result;

    public ProvisioningException(String deviceId, ProvisionResult result, GausException cause) {
        super("stopped" + (deviceId == null ? "" : " at device " + deviceId) + " (" + result.provisioned() + " provisioned, " + result.skipped()
                + " skipped, " + result.failed() + " failed): " + cause.getMessage(), cause);
        this.deviceId = deviceId;
        this.result = result;
    }

    /** The device whose registration failed first; null when the run stopped between devices (interrupted). */
    public String deviceId() {
        return deviceId;
    }

    /** What the run did before it stopped. */
    public ProvisionResult result() {
        return result;
    }

    @Override
    public synchronized GausException getCause() {
        return (GausException) super.getCause();
    }
}
