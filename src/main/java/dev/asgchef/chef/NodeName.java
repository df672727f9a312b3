package dev.asgchef.chef;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Chef node or client name that is safe to put into a request path. The server itself accepts only letters,
 * digits, {@code _ - . :} in these names, so anything else ({@code /}, {@code ..}, spaces, {@code %}, non-ASCII) is
 * refused here rather than encoded into a URL that could name a different object.
 */
public record NodeName(String value) {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_.:\\-]{1,255}");

    public NodeName {
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /** Why {@code text} is not a usable name, or empty when it is. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("a Chef node name cannot be empty");
        }
        if (text.equals(".") || text.equals("..")) {
            return Optional.of("'" + text + "' is not a Chef node name (a path segment, not a name)");
        }
        if (!FORM.matcher(text).matches()) {
            return Optional.of("'" + printable(text) + "' is not a Chef node name: Chef allows only letters, digits,"
                    + " '_', '-', '.' and ':' (at most 255)");
        }
        return Optional.empty();
    }

    /** Shows control and non-ASCII characters as escapes, so a hostile name cannot rewrite the operator's terminal. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> {
            if (c < 0x20 || c == 0x7f || c > 0x7e) {
                out.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
