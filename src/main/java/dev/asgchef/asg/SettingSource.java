package dev.asgchef.asg;

import java.util.regex.Pattern;

/**
 * Where a new instance reads a Chef setting at boot, through its instance profile: an SSM parameter
 * ({@code ssm:NAME}, SecureString allowed), an S3 object ({@code s3://BUCKET/KEY}) or, for the server URL only, the
 * value itself. Every form is restricted to characters that are inert inside single-quoted shell words.
 */
record SettingSource(Kind kind, String text) {
    public enum Kind {
        SSM,
        S3,
        LITERAL
    }

    private static final Pattern SSM = Pattern.compile("ssm:(?:/?[A-Za-z0-9_.-]+)(?:/[A-Za-z0-9_.-]+)*");
    private static final Pattern S3 =
            Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[A-Za-z0-9!_.*()/+=@-]{1,1024}");
    /** The same check the user data repeats on a URL it reads at boot, since it goes into client.rb. */
    static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.-]+(?::\\d{1,5})?(?:/[A-Za-z0-9._~%-]+)*/?");

    /**
     * @param option the option the text came from, for the message
     * @param literalAllowed whether a plain URL is accepted (the server URL) or only a place to read from (a secret)
     */
    public static SettingSource parse(String option, String text, boolean literalAllowed) {
        String value = text == null ? "" : text.trim();
        if (value.startsWith("ssm:")
                && value.length() <= 2052
                && SSM.matcher(value).matches()) {
            return new SettingSource(Kind.SSM, value);
        }
        if (value.startsWith("s3://") && S3.matcher(value).matches()) {
            return new SettingSource(Kind.S3, value);
        }
        if (literalAllowed && URL.matcher(value).matches()) {
            return new SettingSource(Kind.LITERAL, value);
        }
        String forms = "ssm:PARAMETER-NAME or s3://BUCKET/KEY";
        if (literalAllowed) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a URL or a place to read it from:"
                    + " expected https://HOST/organizations/ORG, " + forms);
        }
        throw new IllegalArgumentException(option + " '" + value + "' is not a place instances can read it from:"
                + " expected " + forms + " (a secret never goes into user data)");
    }

    /** How the plan shows it: {@code from ssm:/chef/url} or the URL itself. */
    public String describe() {
        return kind == Kind.LITERAL ? text : "from " + text;
    }
}
