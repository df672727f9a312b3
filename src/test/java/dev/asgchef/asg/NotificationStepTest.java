package dev.asgchef.asg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.testing.FakeAutoScaling;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.DeleteNotificationConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.PutNotificationConfigurationRequest;

class NotificationStepTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:asg-events";
    private static final List<String> TYPES = List.of(
            "autoscaling:EC2_INSTANCE_LAUNCH",
            "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
            "autoscaling:EC2_INSTANCE_TERMINATE",
            "autoscaling:EC2_INSTANCE_TERMINATE_ERROR");

    private final FakeAutoScaling as = new FakeAutoScaling();
    private final AsgClients aws = new AsgClients(as, null, null, "us-east-1");
    private final Built built = new Built();

    private GroupSpec withTopic() {
        Requests r = Requests.defaults();
        r.topicArn = TOPIC;
        return r.spec();
    }

    private void existing(String... types) {
        as.group("haproxy-staging").notifications("haproxy-staging", TOPIC, List.of(types));
    }

    @Test
    void theTopicHearsOfLaunchesTerminationsAndTheirErrors() {
        existing();

        ResourceStep.Applied applied = new NotificationStep(withTopic()).apply(aws, built);

        assertEquals(
                PutNotificationConfigurationRequest.builder()
                        .autoScalingGroupName("haproxy-staging")
                        .topicARN(TOPIC)
                        .notificationTypes(TYPES)
                        .build(),
                as.request("putNotificationConfiguration", PutNotificationConfigurationRequest.class));
        assertEquals(Outcome.SUCCESS, applied.outcome());
        Built.Undo undo = built.undos().pop();
        undo.run().run();
        assertEquals(Action.DELETE, undo.action());
        assertEquals(
                DeleteNotificationConfigurationRequest.builder()
                        .autoScalingGroupName("haproxy-staging")
                        .topicARN(TOPIC)
                        .build(),
                as.request("deleteNotificationConfiguration", DeleteNotificationConfigurationRequest.class));
    }

    @Test
    void theSameTypesExist() {
        existing(TYPES.toArray(String[]::new));

        assertEquals(
                Outcome.EXISTS,
                new NotificationStep(withTopic()).apply(aws, built).outcome());
        assertEquals(List.of("describeNotificationConfigurations"), as.operations());
    }

    @Test
    void missingTypesAreAddedAndRollbackPutsTheOldOnesBack() {
        existing("autoscaling:EC2_INSTANCE_TERMINATE");

        ResourceStep.Applied applied = new NotificationStep(withTopic()).apply(aws, built);
        built.undos().pop().run().run();

        assertEquals(Outcome.UPDATED, applied.outcome());
        List<PutNotificationConfigurationRequest> puts =
                as.requests("putNotificationConfiguration", PutNotificationConfigurationRequest.class);
        assertEquals(TYPES, puts.get(0).notificationTypes());
        assertEquals(List.of("autoscaling:EC2_INSTANCE_TERMINATE"), puts.get(1).notificationTypes());
    }

    @Test
    void withoutATopicNothingIsCalledAndTheLineSaysHowToWireOne() {
        ResourceStep.Applied applied = new NotificationStep(Requests.defaults().spec()).apply(aws, built);

        assertEquals(Outcome.SKIPPED, applied.outcome());
        assertEquals(
                "no --topic-arn; to have teardown hear of terminated instances, run: asgchef wire-notifications"
                        + " haproxy-staging",
                applied.note());
        assertEquals(List.of(), as.operations());
    }
}
