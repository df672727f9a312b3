package dev.asgchef.cli.options;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration as operators write one: {@code 30m}, {@code 90s}, {@code 1h30m}, {@code 500ms}, {@code 600} (seconds), or
 * ISO-8601 ({@code PT10M}). The one parser of every duration option.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    @Override
    public Duration convert(String text) {
        try {
            return parse(text);
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            throw new TypeConversionException("'" + text + "' is too long a duration: use at most days, e.g. 24h");
        }
    }

    private static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        if (value.startsWith("p")) {
            try {
                return nonNegative(Duration.parse(value.toUpperCase(Locale.ROOT)), text);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher units = UNITS.matcher(value);
        if (value.isEmpty() || !units.matches()) {
            throw invalid(text);
        }
        return Duration.ofHours(number(units.group(1)))
                .plusMinutes(number(units.group(2)))
                .plusSeconds(number(units.group(3)))
                .plusMillis(number(units.group(4)));
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static Duration nonNegative(Duration duration, String text) {
        if (duration.isNegative()) {
            throw invalid(text);
        }
        return duration;
    }

    private static TypeConversionException invalid(String text) {
        return new TypeConversionException(
                "'" + text + "' is not a duration: use a form like 30m, 90s, 1h30m or 500ms");
    }
}
