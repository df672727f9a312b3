package dev.asgchef.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as operators write them: {@code 90s}, {@code 15m}, {@code 1h30m}, {@code 2d}, or ISO-8601 {@code PT15M}. */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Duration duration = text.startsWith("p") ? iso(value) : units(text);
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException(
                    "'" + value + "' is not a duration: use a form like 90s, 15m, 1h30m or 2d");
        }
        return duration;
    }

    private static Duration units(String text) {
        Matcher m = UNITS.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            return null;
        }
        try {
            return Duration.ofDays(number(m.group(1)))
                    .plusHours(number(m.group(2)))
                    .plusMinutes(number(m.group(3)))
                    .plusSeconds(number(m.group(4)));
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static Duration iso(String text) {
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
