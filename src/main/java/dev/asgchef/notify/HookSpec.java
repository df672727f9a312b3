package dev.asgchef.notify;

import dev.asgchef.aws.Arn;
import java.util.regex.Pattern;

/**
 * The terminating lifecycle hook that makes an instance wait until drain-queue has cleaned its node.
 *
 * @param heartbeatTimeoutSeconds how long an instance waits for drain-queue before {@code defaultResult} applies
 * @param defaultResult what happens then; AWS's own default is ABANDON, which would also skip any later hooks
 */
public record HookSpec(String name, Arn roleArn, int heartbeatTimeoutSeconds, HookResult defaultResult) {
    public static final String DEFAULT_NAME = "chef-cleanup";
    public static final int DEFAULT_HEARTBEAT_TIMEOUT = 900;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_/-]{1,255}");
    private static final Pattern ROLE = Pattern.compile("role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");

    /** How a lifecycle action ends when nobody completes it in time. */
    public enum HookResult {
        CONTINUE,
        ABANDON
    }

    public HookSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "'" + name + "' is not a lifecycle hook name: use 1 to 255 letters," + " digits, '-', '_' or '/'");
        }
        if (heartbeatTimeoutSeconds < 30 || heartbeatTimeoutSeconds > 7200) {
            throw new IllegalArgumentException("--heartbeat-timeout " + heartbeatTimeoutSeconds
                    + " is outside what AWS allows: use 30 to 7200 seconds");
        }
    }

    /** Parses {@code arn:aws:iam::ACCOUNT:role/NAME}. */
    public static Arn parseRoleArn(String text) {
        return Arn.parse(text)
                .filter(a -> a.service().equals("iam")
                        && a.region().isEmpty()
                        && GroupRef.ACCOUNT_ID.matcher(a.account()).matches()
                        && ROLE.matcher(a.resource()).matches())
                .orElseThrow(() -> new IllegalArgumentException("--hook-role-arn '" + text + "' is not an IAM role"
                        + " ARN: expected arn:aws:iam::ACCOUNT:role/NAME"));
    }
}
