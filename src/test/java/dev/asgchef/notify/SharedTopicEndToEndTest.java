package dev.asgchef.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.aws.AwsClients;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.FakeAwsCloud;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.NotificationConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * create-asg {@code --topic-arn} and wire-notifications on the same group and topic, through {@code Cli.run}: Auto
 * Scaling, EC2 and CloudWatch are {@link FakeAwsCloud} (one account both commands share), SNS and SQS are
 * {@link FakeAws}. Each command adds the notification types it needs and keeps the other's, so every re-run, in any
 * order, reports {@code Exists}.
 */
class SharedTopicEndToEndTest {
    private static final String GROUP = "haproxy-staging";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:haproxy-staging-asg-events";
    private static final String NOTIFICATION = "Creating SNS Notification: ";

    @TempDir
    Path home;

    private FakeAwsCloud cloud;
    private final FakeAws aws = new FakeAws(FakeAwsCloud.ACCOUNT);

    @BeforeEach
    void start() throws IOException {
        cloud = new FakeAwsCloud().image("ami-0abcdef1234567890");
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--region",
                FakeAwsCloud.REGION,
                "--endpoint-url",
                cloud.endpoint().toString()));
        CliRun run = new CliHarness(home)
                .aws(settings -> new AwsClients(settings)
                        .supply(SnsClient.class, aws.sns)
                        .supply(SqsClient.class, aws.sqs))
                .run(all.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.out() + run.err());
        return run;
    }

    /** The README's create-asg example. */
    private CliRun createAsg(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "create-asg",
                "haproxy",
                "ami-0abcdef1234567890",
                "staging",
                "--subnet",
                "subnet-0123456789abcdef0",
                "--iam-instance-profile",
                "chef-node"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private CliRun wireNotifications() {
        return run("wire-notifications", GROUP);
    }

    private static String notificationLine(CliRun run) {
        return run.outLines()[run.outLines().length - 1];
    }

    private Set<String> typesOfTheTopic() {
        Set<String> types = new TreeSet<>();
        cloud.notifications().stream()
                .filter(n ->
                        n.autoScalingGroupName().equals(GROUP) && n.topicARN().equals(TOPIC))
                .map(NotificationConfiguration::notificationType)
                .forEach(types::add);
        return types;
    }

    @Test
    void createAsgWithATopicThenWireNotificationsThenEachAgainAllExist() {
        assertEquals(NOTIFICATION + "Success", notificationLine(createAsg("--topic-arn", TOPIC)));
        assertEquals(NOTIFICATION + "Exists", notificationLine(wireNotifications()));
        assertEquals(NOTIFICATION + "Exists", notificationLine(createAsg("--topic-arn", TOPIC)));
        assertEquals(NOTIFICATION + "Exists", notificationLine(wireNotifications()));

        assertEquals(new TreeSet<>(EventSelection.ALL.notificationTypes()), typesOfTheTopic());
    }

    @Test
    void wireNotificationsFirstThenCreateAsgWithTheTopicAddsOnlyWhatItNeeds() {
        createAsg();
        assertEquals(NOTIFICATION + "Success", notificationLine(wireNotifications()));
        assertEquals(Set.of("autoscaling:EC2_INSTANCE_TERMINATE"), typesOfTheTopic());

        CliRun addsLaunches = createAsg("--topic-arn", TOPIC);
        assertTrue(notificationLine(addsLaunches).startsWith(NOTIFICATION + "Updated"), addsLaunches.out());
        assertEquals(NOTIFICATION + "Exists", notificationLine(wireNotifications()));
        assertEquals(NOTIFICATION + "Exists", notificationLine(createAsg("--topic-arn", TOPIC)));

        assertEquals(new TreeSet<>(EventSelection.ALL.notificationTypes()), typesOfTheTopic());
    }
}
