package dev.asgchef.notify;

import dev.asgchef.aws.Arn;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SNS topic as the operator named it: a bare name (created or reused in the group's account and region) or an
 * ARN, whose region and account must then be the group's.
 */
public record TopicRef(String name, Optional<Arn> arn) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    public TopicRef {
        if (name.endsWith(".fifo")) {
            throw new IllegalArgumentException("topic '" + name + "' is a FIFO topic: Auto Scaling publishes only to"
                    + " standard topics. Name a standard topic (no .fifo suffix)");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an SNS topic name: use 1 to 256 letters, digits,"
                    + " '-' or '_', or a topic ARN");
        }
    }

    /** Parses {@code NAME} or {@code arn:aws:sns:REGION:ACCOUNT:NAME}. */
    public static TopicRef parse(String text) {
        if (!text.startsWith("arn:")) {
            return new TopicRef(text, Optional.empty());
        }
        Arn arn = Arn.parse(text)
                .filter(a -> a.service().equals("sns")
                        && !a.region().isEmpty()
                        && GroupRef.ACCOUNT_ID.matcher(a.account()).matches())
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + text + "' is not an SNS topic ARN: expected arn:aws:sns:REGION:ACCOUNT:NAME"));
        return new TopicRef(arn.resource(), Optional.of(arn));
    }

    @Override
    public String toString() {
        return arn.map(Arn::toString).orElse(name);
    }
}
