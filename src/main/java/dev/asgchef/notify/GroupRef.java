package dev.asgchef.notify;

import dev.asgchef.aws.Arn;
import java.util.regex.Pattern;

/**
 * The Auto Scaling group as AWS describes it. Its ARN fixes the partition, region and account every other resource
 * of the wiring must live in, and lets their ARNs be known before they exist (for a dry run's plan).
 */
record GroupRef(String name, Arn arn) {
    /** An AWS account id: twelve digits. */
    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public String region() {
        return arn.region();
    }

    public String account() {
        return arn.account();
    }

    public Arn topicArn(String topicName) {
        return arn.sibling("sns", arn.region(), topicName);
    }

    public Arn queueArn(String queueName) {
        return arn.sibling("sqs", arn.region(), queueName);
    }
}
