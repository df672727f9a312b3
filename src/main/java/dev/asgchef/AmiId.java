package dev.asgchef;

import java.util.Optional;
import java.util.regex.Pattern;

/** An EC2 image id: {@code ami-} followed by 8 (older images) or 17 hexadecimal digits, lower case. */
public record AmiId(String value) {
    private static final Pattern FORM = Pattern.compile("ami-(?:[0-9a-f]{8}|[0-9a-f]{17})");

    public AmiId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not an AMI id: '" + value + "' (expected ami- and 8 or 17 hex digits)");
        }
    }

    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    public static Optional<AmiId> parse(String text) {
        return isValid(text) ? Optional.of(new AmiId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
