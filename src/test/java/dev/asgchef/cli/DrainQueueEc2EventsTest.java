package dev.asgchef.cli;

import static dev.asgchef.testing.AwsMessages.instanceId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asgchef.aws.AwsClients;
import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.ElasticMq;
import dev.asgchef.testing.FakeAutoScaling;
import dev.asgchef.testing.FakeChefServer;
import dev.asgchef.testing.FakeEc2;
import dev.asgchef.testing.TestQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * drain-queue end to end on EC2's own EventBridge events, which name no Auto Scaling group: a state change to
 * shutting-down or terminated is a plain termination of its instance; other states, Spot warnings and rebalance
 * recommendations are ignored and deleted, not left to poison the queue.
 */
class DrainQueueEc2EventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_INSTANCE = "i-1234567890abcdef0";

    @RegisterExtension
    static final ElasticMq sqs = new ElasticMq();

    @TempDir
    Path directory;

    private FakeChefServer chef;
    private final FakeEc2 ec2 = new FakeEc2();
    private final FakeAutoScaling autoScaling = new FakeAutoScaling();
    private TestQueue queue;

    @BeforeEach
    void setUp() {
        chef = FakeChefServer.start();
        chef.writeKnifeConfig(directory);
        queue = sqs.newQueue("ec2-events", 30, 5);
    }

    @AfterEach
    void stopChef() {
        chef.close();
    }

    private void chefKnows(String instance) {
        chef.putNode(instance, instance);
        chef.putClient(instance);
    }

    /** AWS's documented state-change example, for this instance and state, in the region EC2 is asked in. */
    private static String stateChange(String instance, String state) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(
                    AwsMessages.sample("eventbridge-ec2-state-pending.json").replace(SAMPLE_INSTANCE, instance));
            event.put("region", ElasticMq.REGION);
            ((ObjectNode) event.get("detail")).put("state", state);
            return event.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CliRun drain() {
        return new CliHarness(directory)
                .env("TMPDIR", directory.toString())
                .aws(settings -> new AwsClients(settings)
                        .supply(Ec2Client.class, ec2)
                        .supply(AutoScalingClient.class, autoScaling))
                .run(
                        "drain-queue",
                        "--queue",
                        queue.url(),
                        "--region",
                        ElasticMq.REGION,
                        "--endpoint-url",
                        sqs.endpoint().toString(),
                        "--wait-seconds",
                        "1");
    }

    @Test
    void aTerminatedOrShuttingDownStateChangeCleansItsInstancesNode() {
        String terminated = instanceId(1);
        String shuttingDown = instanceId(2);
        chefKnows(terminated);
        chefKnows(shuttingDown);
        ec2.instance(shuttingDown, "shutting-down");
        queue.send(stateChange(terminated, "terminated"), stateChange(shuttingDown, "shutting-down"));

        CliRun run = drain();

        run.assertExit(0);
        assertFalse(chef.hasNode(terminated) || chef.hasClient(terminated), run.out());
        assertFalse(chef.hasNode(shuttingDown) || chef.hasClient(shuttingDown), run.out());
        assertTrue(run.out().endsWith("Drained 2 messages: 2 cleaned\n"), run.out());
        assertEquals(0, queue.total());
    }

    @Test
    void aTerminatedStateChangeThroughSnsIsCleanedToo() {
        String instance = instanceId(3);
        chefKnows(instance);
        queue.send(AwsMessages.sample("sns-envelope-eventbridge-ec2-terminated.json")
                .replace(SAMPLE_INSTANCE, instance));

        drain().assertExit(0);

        assertFalse(chef.hasNode(instance) || chef.hasClient(instance));
        assertEquals(0, queue.total());
    }

    @Test
    void aStateChangeThatSaysTerminatedOfAnInstanceEc2StillRunsKeepsItsNode() {
        String instance = instanceId(4);
        chefKnows(instance);
        ec2.instance(instance, "running");
        autoScaling.lifecycleState(instance, "InService");
        queue.send(stateChange(instance, "terminated"));

        CliRun run = drain();

        // Which non-zero code a run of only still-running leftovers exits with is issue 11 item 6's (drain-queue).
        assertNotEquals(0, run.exitCode(), run.out());
        assertTrue(chef.hasNode(instance) && chef.hasClient(instance));
        assertTrue(run.err().contains(instance + " is still running"), run.err());
        assertEquals(1, queue.total(), "left for retry");
    }

    @Test
    void otherStatesSpotWarningsAndRebalanceRecommendationsAreIgnoredAndDeleted() {
        String instance = instanceId(5);
        chefKnows(instance);
        ec2.instance(instance, "running");
        queue.send(
                stateChange(instance, "running"),
                stateChange(instance, "stopped"),
                AwsMessages.sample("eventbridge-ec2-spot-interruption.json").replace(SAMPLE_INSTANCE, instance),
                AwsMessages.sample("eventbridge-ec2-rebalance-recommendation.json")
                        .replace(SAMPLE_INSTANCE, instance));

        CliRun run = drain();

        run.assertExit(0);
        assertTrue(run.out().endsWith("Drained 4 messages: 4 ignored\n"), run.out());
        assertTrue(chef.hasNode(instance) && chef.hasClient(instance));
        assertEquals(0, queue.total(), "not poison: nothing is left for the dead-letter queue");
    }
}
