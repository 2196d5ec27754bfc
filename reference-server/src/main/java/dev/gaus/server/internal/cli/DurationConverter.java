package dev.gaus.server.internal.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 3600} (seconds), {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d} or ISO-8601 {@code PT1H}. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.matches("[0-9]+")) {
                d = Duration.ofSeconds(Long.parseLong(v));
            } else if (v.matches("[0-9]+[smhd]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                switch (v.charAt(v.length() - 1)) {
                    case 's': d = Duration.ofSeconds(n); break;
                    case 'm': d = Duration.ofMinutes(n); break;
                    case 'h': d = Duration.ofHours(n); break;
                    default: d = Duration.ofDays(n); break;
                }
            } else {
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 3600, 30m, 1h, PT1H)");
            }
            if (d.isZero() || d.isNegative()) {
                throw new TypeConversionException("the duration must be positive");
            }
            return d;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 3600, 30m, 1h, PT1H)");
        }
    }
}
