package dev.gaus.core.message;

import dev.gaus.core.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Answer of {@code GET /device/{productGUID}/{deviceGUID}/check-for-updates}: at most one update
 * per update type, and optionally a new poll interval.
 *
 * @param pollIntervalSeconds null when the server did not send one
 */
public record CheckForUpdatesResponse(List<Update> updates, Long pollIntervalSeconds) {
    public CheckForUpdatesResponse {
        updates = Checks.list(updates, "updates");
        Set<String> types = new HashSet<>();
        for (Update update : updates) {
            if (!types.add(update.updateType())) {
                throw Checks.invalid("updates", "holds two updates of one updateType");
            }
        }
        if (pollIntervalSeconds != null && pollIntervalSeconds <= 0) {
            throw Checks.invalid("pollIntervalSeconds", "must be positive");
        }
    }

    public CheckForUpdatesResponse(List<Update> updates) {
        this(updates, null);
    }

    /** The new poll interval, if the server sent one. */
    public OptionalLong newPollIntervalSeconds() {
        return pollIntervalSeconds == null ? OptionalLong.empty() : OptionalLong.of(pollIntervalSeconds);
    }
}
