package dev.asgchef.notify;

import dev.asgchef.aws.Arn;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;

/** The SNS side: the topic Auto Scaling publishes to, and the queue's subscription to it. */
final class TopicSteps {
    static final String TOPIC = "SNS Topic";
    static final String SUBSCRIPTION = "SNS Subscription";
    static final String RAW_DELIVERY = "RawMessageDelivery";
    /** What SNS lists instead of an ARN for a subscription nobody has confirmed yet. */
    private static final String PENDING = "PendingConfirmation";

    private final SnsClient sns;
    private final Reporter reporter;

    TopicSteps(SnsClient sns, Reporter reporter) {
        this.sns = sns;
        this.reporter = reporter;
    }

    Step ensureTopic(NotificationPath path) {
        String name = path.topicArn.resource();
        Optional<Map<String, String>> attributes = attributes(path);
        if (attributes.isPresent()) {
            path.topicExists = true;
            String key = attributes.get().get("KmsMasterKeyId");
            if (key != null && !key.isEmpty()) {
                reporter.warn("topic " + name + " is encrypted with KMS key " + key + ": its key policy must let"
                        + " Auto Scaling's service-linked role use it (kms:GenerateDataKey*, kms:Decrypt), or no"
                        + " notification reaches the topic");
            }
            return Step.of(Action.CREATE, TOPIC, Outcome.EXISTS).with("arn", path.topicArn.toString());
        }
        if (path.dryRun()) {
            return Step.planned(Action.CREATE, TOPIC, name).with("arn", path.topicArn.toString());
        }
        String arn = sns.createTopic(b -> b.name(name)).topicArn();
        path.topicArn = Arn.parse(arn).orElse(path.topicArn);
        path.topicExists = true;
        path.changed(TOPIC + " " + name + " (created)");
        return Step.of(Action.CREATE, TOPIC, Outcome.SUCCESS).with("arn", arn);
    }

    private Optional<Map<String, String>> attributes(NotificationPath path) {
        try {
            return Optional.of(sns.getTopicAttributes(b -> b.topicArn(path.topicArn.toString()))
                    .attributes());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The queue's subscription to the topic: reused when there is one, with raw delivery set as asked. */
    Step ensureSubscription(NotificationPath path) {
        boolean raw = path.request.rawDelivery();
        Optional<Subscription> existing = path.topicExists ? find(path) : Optional.empty();
        if (existing.isEmpty()) {
            if (path.dryRun()) {
                return Step.planned(
                        Action.CREATE,
                        SUBSCRIPTION,
                        "sqs " + path.queueArn + " to " + path.topicArn + " (raw delivery " + onOff(raw) + ")");
            }
            String arn = sns.subscribe(b -> b.topicArn(path.topicArn.toString())
                            .protocol("sqs")
                            .endpoint(path.queueArn.toString())
                            .attributes(Map.of(RAW_DELIVERY, Boolean.toString(raw)))
                            .returnSubscriptionArn(true))
                    .subscriptionArn();
            path.subscriptionArn = arn;
            path.changed(SUBSCRIPTION + " " + arn + " (created)");
            return Step.of(Action.CREATE, SUBSCRIPTION, Outcome.SUCCESS).with("arn", arn);
        }
        String arn = existing.get().subscriptionArn();
        if (PENDING.equals(arn)) {
            return Step.failed(
                    Action.CREATE,
                    SUBSCRIPTION,
                    "the queue's subscription to " + path.topicArn + " is waiting for confirmation, which happens"
                            + " only across accounts: confirm it from the queue's account, or delete it and run again");
        }
        path.subscriptionArn = arn;
        boolean current = "true"
                .equalsIgnoreCase(sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn))
                        .attributes()
                        .get(RAW_DELIVERY));
        if (current == raw) {
            return Step.of(Action.CREATE, SUBSCRIPTION, Outcome.EXISTS).with("arn", arn);
        }
        String change = "raw delivery " + onOff(current) + " -> " + onOff(raw);
        if (path.dryRun()) {
            return Step.planned(Action.UPDATE, SUBSCRIPTION, change).with("arn", arn);
        }
        sns.setSubscriptionAttributes(
                b -> b.subscriptionArn(arn).attributeName(RAW_DELIVERY).attributeValue(Boolean.toString(raw)));
        path.changed(SUBSCRIPTION + " " + arn + " (updated: " + change + ")");
        return new Step(Action.CREATE, SUBSCRIPTION, Outcome.UPDATED, change, Map.of("arn", arn));
    }

    private Optional<Subscription> find(NotificationPath path) {
        String endpoint = path.queueArn.toString();
        try {
            return sns
                    .listSubscriptionsByTopicPaginator(b -> b.topicArn(path.topicArn.toString()))
                    .subscriptions()
                    .stream()
                    .filter(s -> "sqs".equals(s.protocol()) && endpoint.equals(s.endpoint()))
                    .findFirst();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
