package dev.asgchef.lambda;

import static dev.asgchef.testing.AwsMessages.instanceId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.FakeChefServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventBridgeHandlerTest {
    @TempDir
    Path directory;

    private final InProcessFunction in = new InProcessFunction();
    private FakeChefServer chef;
    private EventBridgeHandler handler;

    @BeforeEach
    void start() throws Exception {
        chef = FakeChefServer.start(Clock.systemUTC());
        handler = new EventBridgeHandler(in.function(chef, directory));
    }

    @AfterEach
    void stop() {
        chef.close();
    }

    private String invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, new TestContext(() -> 60_000));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String stateChange(String instance, String state) {
        return AwsMessages.sample("eventbridge-ec2-state-terminated.json")
                .replace("i-1234567890abcdef0", instance)
                .replace("\"terminated\"", "\"" + state + "\"");
    }

    @Test
    void anEc2TerminationIsCleanedAndAnswersHowItEnded() throws Exception {
        String instance = instanceId(1);
        chef.putNode(instance, instance);
        chef.putClient(instance);
        assertEquals("{\"handling\":\"cleaned\"}", invoke(stateChange(instance, "terminated")));
        assertFalse(chef.hasNode(instance) || chef.hasClient(instance));
    }

    @Test
    void aFailedCleanupThrowsSoLambdaRetriesTheEvent() {
        String instance = instanceId(2);
        chef.putNode(instance, instance);
        chef.putClient(instance);
        chef.failNext("/organizations/acme/nodes/" + instance, 500, 10);
        AsgchefException e =
                assertThrows(AsgchefException.class, () -> invoke(AwsMessages.eventBridgeTerminate(instance)));
        assertTrue(e.getMessage().startsWith("The event was not handled: 1 failed (left for retry)"), e.getMessage());
        assertTrue(chef.hasNode(instance));
    }

    @Test
    void anInstanceStillRunningThrowsAndKeepsItsNode() {
        String instance = instanceId(3);
        chef.putNode(instance, instance);
        in.ec2.instance(instance, "running");
        in.autoScaling.lifecycleState(instance, "InService");
        assertThrows(AsgchefException.class, () -> invoke(AwsMessages.eventBridgeTerminate(instance)));
        assertTrue(chef.hasNode(instance));
    }

    @Test
    void anEc2StateChangeThatIsNoTerminationIsDoneWithNothingDeleted() throws Exception {
        String instance = instanceId(4);
        chef.putNode(instance, instance);
        assertEquals("{\"handling\":\"ignored\"}", invoke(stateChange(instance, "stopping")));
        assertTrue(chef.hasNode(instance));
    }
}
