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
    private final GroupResources resources = new GroupResources();

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

        ResourceStep.Applied applied = new NotificationStep(withTopic()).apply(aws, resources);

        assertEquals(
                PutNotificationConfigurationRequest.builder()
                        .autoScalingGroupName("haproxy-staging")
                        .topicARN(TOPIC)
                        .notificationTypes(TYPES)
                        .build(),
                as.request("putNotificationConfiguration", PutNotificationConfigurationRequest.class));
        assertEquals(Outcome.SUCCESS, applied.outcome());
        GroupResources.Undo undo = resources.undos().pop();
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
                new NotificationStep(withTopic()).apply(aws, resources).outcome());
        assertEquals(List.of("describeNotificationConfigurations"), as.operations());
    }

    @Test
    void missingTypesAreAddedAndRollbackPutsTheOldOnesBack() {
        existing("autoscaling:EC2_INSTANCE_TERMINATE");

        ResourceStep.Applied applied = new NotificationStep(withTopic()).apply(aws, resources);
        resources.undos().pop().run().run();

        assertEquals(Outcome.UPDATED, applied.outcome());
        List<PutNotificationConfigurationRequest> puts =
                as.requests("putNotificationConfiguration", PutNotificationConfigurationRequest.class);
        assertEquals(TYPES, puts.get(0).notificationTypes());
        assertEquals(List.of("autoscaling:EC2_INSTANCE_TERMINATE"), puts.get(1).notificationTypes());
    }

    @Test
    void withoutATopicNothingIsCalledAndTheLineSaysHowToWireOne() {
        ResourceStep.Applied applied = new NotificationStep(Requests.defaults().spec()).apply(aws, resources);

        assertEquals(Outcome.SKIPPED, applied.outcome());
        assertEquals(
                "no --topic-arn; to have teardown hear of terminated instances, run: asgchef wire-notifications"
                        + " haproxy-staging",
                applied.note());
        assertEquals(List.of(), as.operations());
    }

    @Test
    void aTypeConfiguredByAnotherCommandOrTheOperatorIsKeptAndRollbackPutsTheOldSetBack() {
        existing("autoscaling:EC2_INSTANCE_TERMINATE", "autoscaling:TEST_NOTIFICATION");

        ResourceStep.Applied applied = new NotificationStep(withTopic()).apply(aws, resources);
        resources.undos().pop().run().run();

        assertEquals(Outcome.UPDATED, applied.outcome());
        List<PutNotificationConfigurationRequest> puts =
                as.requests("putNotificationConfiguration", PutNotificationConfigurationRequest.class);
        List<String> union = new java.util.ArrayList<>(TYPES);
        union.add("autoscaling:TEST_NOTIFICATION");
        assertEquals(union, puts.get(0).notificationTypes());
        assertEquals(
                List.of("autoscaling:EC2_INSTANCE_TERMINATE", "autoscaling:TEST_NOTIFICATION"),
                puts.get(1).notificationTypes());
    }

    @Test
    void moreTypesThanItNeedsExist() {
        List<String> more = new java.util.ArrayList<>(TYPES);
        more.add("autoscaling:TEST_NOTIFICATION");
        existing(more.toArray(String[]::new));

        assertEquals(
                Outcome.EXISTS,
                new NotificationStep(withTopic()).apply(aws, resources).outcome());
        assertEquals(List.of("describeNotificationConfigurations"), as.operations());
    }
}
