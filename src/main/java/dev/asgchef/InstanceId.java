package dev.asgchef;

import java.util.Optional;
import java.util.regex.Pattern;

/** An EC2 instance id: {@code i-} followed by 8 (older instances) or 17 hexadecimal digits, lower case. */
public record InstanceId(String value) {
    private static final Pattern FORM = Pattern.compile("i-(?:[0-9a-f]{8}|[0-9a-f]{17})");

    public InstanceId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "not an EC2 instance id: '" + value + "' (expected i- and 8 or 17 hex digits)");
        }
    }

    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    public static Optional<InstanceId> parse(String text) {
        return isValid(text) ? Optional.of(new InstanceId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
