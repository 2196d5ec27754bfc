package dev.gaus.device;

/**
 * The server registered the device, but its state could not be written to {@code device.data}.
 *
 * <p>The new keys exist only in memory now: {@link #newState()} hands them to the caller, who can
 * save them elsewhere or retry {@link GausDevice#saveState(DeviceState)} once the disk is
 * writable again. The message never shows the secret key.
 */
public final class RegistrationNotSavedException extends GausClientException {
    private static final long serialVersionUID = 1L;

    private final transient DeviceState newState;

    public RegistrationNotSavedException(String message, DeviceState newState, Throwable cause) {
        super(Reason.LOCAL_STATE, message, cause);
        this.newState = newState;
    }

    /** The state the server issued, including the device's secret key. */
    public DeviceState newState() {
        return newState;
    }
}
