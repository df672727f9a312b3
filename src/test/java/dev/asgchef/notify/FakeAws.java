package dev.asgchef.notify;

import dev.asgchef.report.Reporter;
import dev.asgchef.testing.FakeAutoScaling;
import dev.asgchef.testing.FakeClient;
import dev.asgchef.testing.FakeCloudWatch;
import dev.asgchef.testing.FakeEventBridge;
import dev.asgchef.testing.FakeKms;
import dev.asgchef.testing.FakeSns;
import dev.asgchef.testing.FakeSqs;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;

/**
 * The account wire-notifications runs against in these tests: the in-process fakes of Auto Scaling, SNS, SQS and KMS
 * (and EventBridge and CloudWatch) in one region and account, with group {@value #GROUP} in it, so a test can run the wiring twice and see the second
 * run find what the first made. {@link #mutations()} lists every mutating call, in order, across the four.
 */
final class FakeAws {
    static final String ACCOUNT = FakeAutoScaling.ACCOUNT;
    static final String REGION = FakeAutoScaling.REGION;
    static final String GROUP = "web";

    final FakeAutoScaling autoScaling;
    final FakeSns sns;
    final FakeSqs sqs;
    final FakeKms kms = new FakeKms();
    final FakeEventBridge eventBridge;
    final FakeCloudWatch cloudWatch;

    FakeAws() {
        this(ACCOUNT);
    }

    /** The account the group, and so every ARN derived from it, lives in. */
    FakeAws(String account) {
        autoScaling = new FakeAutoScaling(REGION, account).group(GROUP);
        sns = new FakeSns(REGION, account);
        sqs = new FakeSqs(REGION, account);
        eventBridge = new FakeEventBridge(REGION, account);
        cloudWatch = new FakeCloudWatch(REGION, account);
    }

    static String topicArn(String name) {
        return "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + name;
    }

    static String queueArn(String name) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
    }

    static String queueUrl(String name) {
        return "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + name;
    }

    /** An AWS error as a client without a service-specific exception type throws it. */
    static AwsServiceException serviceError(String code, String message) {
        return FakeClient.error(AwsServiceException.builder(), 400, code, message);
    }

    /** What the Auto Scaling client throws for an error answer. */
    static AwsServiceException autoScalingError(String code, String message) {
        return FakeAutoScaling.error(400, code, message);
    }

    /** The use case over this account's fakes, built through the constructor the command uses. */
    WireNotifications wire(Reporter reporter, Clock clock) {
        return new WireNotifications(
                autoScaling, sns, sqs, () -> kms, () -> eventBridge, () -> cloudWatch, reporter, clock);
    }

    /** A queue as SQS would have made it with these attributes. */
    FakeAws queue(String name, Map<String, String> attributes) {
        sqs.queue(name, attributes);
        return this;
    }

    FakeAws topic(String name) {
        sns.topic(name);
        return this;
    }

    /** Every mutating call so far, in order: {@code sns:CreateTopic}, {@code sqs:CreateQueue web-asg-events}... */
    List<String> mutations() {
        return Stream.of(
                        calls("autoscaling", autoScaling),
                        calls("sns", sns),
                        calls("sqs", sqs),
                        calls("kms", kms),
                        calls("events", eventBridge),
                        calls("cloudwatch", cloudWatch))
                .flatMap(s -> s)
                .sorted(Comparator.comparingLong(c -> c.call().sequence()))
                .filter(c -> !c.call().operation().matches("(describe|get|list|receive|changeMessageVisibility).*"))
                .map(Named::text)
                .toList();
    }

    void forgetCalls() {
        autoScaling.forgetCalls();
        sns.forgetCalls();
        sqs.forgetCalls();
        kms.forgetCalls();
        eventBridge.forgetCalls();
        cloudWatch.forgetCalls();
    }

    private record Named(String service, FakeClient.Call call) {
        String text() {
            String op = call.operation();
            String text = service + ":" + Character.toUpperCase(op.charAt(0)) + op.substring(1);
            if (call.request() instanceof CreateQueueRequest r) {
                text += " " + r.queueName();
            } else if (call.request() instanceof SetQueueAttributesRequest r) {
                String queue = r.queueUrl().substring(r.queueUrl().lastIndexOf('/') + 1);
                text += " " + queue + " "
                        + new TreeSet<>(r.attributesAsStrings().keySet());
            }
            return text;
        }
    }

    private static Stream<Named> calls(String service, FakeClient<?> client) {
        return client.calls().stream().map(c -> new Named(service, c));
    }
}
