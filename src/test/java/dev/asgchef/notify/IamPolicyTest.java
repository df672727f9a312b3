package dev.asgchef.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asgchef.testing.FakeClient;
import dev.asgchef.testing.IamPolicies;
import dev.asgchef.testing.RecordingReporter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;

/** docs/iam/wire-notifications.json grants every AWS call the command makes, and nothing it does not make. */
class IamPolicyTest {
    @Test
    void thePublishedPolicyGrantsExactlyTheCallsOfAFullRun() throws Exception {
        FakeAws aws = new FakeAws();
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
        aws.sqs.onEmptyReceive(r -> clock.advance(Duration.ofSeconds(r.waitTimeSeconds())));
        aws.autoScaling.afterNotificationPut(put -> aws.sqs.send(
                "web-asg-events",
                Messages.envelope(put.topicARN(), Messages.testNotification("web", clock.instant()))));
        aws.kms.key(
                "k",
                KeyMetadata.builder()
                        .arn("arn:aws:kms:us-east-1:123456789012:key/k")
                        .keyManager(KeyManagerType.CUSTOMER)
                        .keyState(KeyState.ENABLED)
                        .build(),
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"sns.amazonaws.com\"},\"Action\":\"kms:*\"}]}");
        // A termination already waiting, which --verify must step around.
        aws.queue("web-asg-events", Map.of("KmsMasterKeyId", "k"));
        aws.sqs.send("web-asg-events", Messages.resource("sns-envelope-asg-terminate.json"));

        Requests request = new Requests().hook().verify(30).eventBridgeAndAlarm();
        request.rawDelivery = true;
        request.kmsKey = Optional.of("k");
        aws.wire(new RecordingReporter(), clock).run(request.build());
        // A second run reaches the update paths (subscription attributes) the first does not.
        aws.sns.subscriptions().forEach(s -> aws.sns
                .subscriptionAttributes(s.subscriptionArn())
                .put("RawMessageDelivery", "false"));
        aws.eventBridge.putRule(b -> b.name("web-ec2-terminate").eventPattern("{}"));
        aws.wire(new RecordingReporter(), clock).run(request.build());

        Set<String> called = new TreeSet<>();
        Map.<String, FakeClient<?>>of(
                        "autoscaling",
                        aws.autoScaling,
                        "sns",
                        aws.sns,
                        "sqs",
                        aws.sqs,
                        "kms",
                        aws.kms,
                        "events",
                        aws.eventBridge,
                        "cloudwatch",
                        aws.cloudWatch)
                .forEach((prefix, client) ->
                        client.operations().forEach(name -> called.add(prefix + ":" + action(name))));
        assertEquals(granted(), called);
    }

    /** The IAM action of an SDK method: its paginator and batch forms need the plain action. */
    private static String action(String method) {
        String name = method.replaceFirst("Paginator$", "").replaceFirst("Batch$", "");
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Set<String> granted() throws Exception {
        Set<String> actions = IamPolicies.actions("wire-notifications.json");
        // Permissions AWS checks on our behalf, not calls of ours: PutLifecycleHook passes the role to Auto Scaling,
        // and SQS decrypts with the queue's KMS key for ReceiveMessage.
        actions.remove("iam:PassRole");
        actions.remove("kms:Decrypt");
        return actions;
    }
}
