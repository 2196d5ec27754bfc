package dev.gaus.device;

import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.Update;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The outcome of one check for updates.
 *
 * @param unchanged true when the server answered {@code 304 Not Modified}: nothing changed since
 *     the previous check with the same parameters, whose answer {@code response} repeats
 * @param response the server's answer (for a 304, the one remembered from the previous check)
 * @param etag the entity tag of that answer, or null when the server sent none
 */
public record UpdateCheck(boolean unchanged, CheckForUpdatesResponse response, String etag) {
    public UpdateCheck {
        Objects.requireNonNull(response, "response");
    }

    /** The offered updates, at most one per update type. */
    public List<Update> updates() {
        return response.updates();
    }

    /** The new poll interval, when the server sent one with this answer. */
    public OptionalLong newPollIntervalSeconds() {
        return unchanged ? OptionalLong.empty() : response.newPollIntervalSeconds();
    }
}
