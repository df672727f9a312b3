package dev.asgchef.aws;

import java.util.Locale;

/**
 * The one rule for a tag the operator gives with {@code --tag}: create-asg's (on the group and its instances) and
 * packer-postprocess's (on the AMIs), as EC2 and Auto Scaling document it. A key is 1 to 128 Unicode characters and a
 * value at most 256, both case sensitive. Keys starting with {@code aws:} are reserved for AWS in any combination of
 * upper and lower case ({@code AWS:}, {@code Aws:} too): such tags cannot be set, edited or deleted by anyone else.
 *
 * <p>Control characters are refused as well. AWS's general tagging guide allows letters, digits, spaces and
 * {@code + - = . _ : / @}; EC2 accepts more, but no service lists control characters, and a tag holding a newline or
 * an escape sequence would print as something else in every console, CLI table and report line that shows it. A key of
 * nothing but spaces is refused: it looks like no key at all, and is most likely a quoting mistake.
 */
public final class Tags {
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;
    private static final String RESERVED_PREFIX = "aws:";

    private Tags() {}

    /**
     * Refuses a tag AWS would refuse, or one no one could read back.
     *
     * @param option the option the tag came from, for the message ({@code --tag})
     * @throws IllegalArgumentException naming the tag, the rule and the fix
     */
    public static void check(String option, String key, String value) {
        String v = value == null ? "" : value;
        if (key == null
                || key.isBlank()
                || length(key) > MAX_KEY_LENGTH
                || length(v) > MAX_VALUE_LENGTH
                || hasControl(key)
                || hasControl(v)) {
            throw new IllegalArgumentException(option + " '" + key + "=" + v + "' is not a tag: expected KEY=VALUE, a"
                    + " key of 1 to " + MAX_KEY_LENGTH + " characters and a value of at most " + MAX_VALUE_LENGTH
                    + ", no control characters");
        }
        if (key.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
            throw new IllegalArgumentException(option + " " + key + ": keys starting with aws: are reserved by AWS in"
                    + " any case (aws:, AWS:, Aws:), so this is not an EC2 tag you can set: choose another key");
        }
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private static boolean hasControl(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }
}
