package dev.asgchef.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.InstanceId;
import dev.asgchef.events.TerminatingLifecycleAction;
import dev.asgchef.testing.FakeAutoScaling;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;

class LifecycleActionsTest {
    private static final TerminatingLifecycleAction ACTION = new TerminatingLifecycleAction(
            new InstanceId("i-0a1b2c3d4e5f60718"), "web-asg", "chef-cleanup", "465e0162-e6af-4786-b4e8-bb544ae58790");

    private final FakeAutoScaling autoScaling = new FakeAutoScaling();
    private final LifecycleActions actions = new LifecycleActions(() -> autoScaling);

    @Test
    void completionContinuesWithTheMessagesToken() {
        assertEquals(LifecycleActions.Answer.DONE, actions.complete(ACTION));
        var request = autoScaling.completions().get(0);
        assertEquals("CONTINUE", request.lifecycleActionResult());
        assertEquals("web-asg", request.autoScalingGroupName());
        assertEquals("chef-cleanup", request.lifecycleHookName());
        assertEquals(ACTION.token(), request.lifecycleActionToken());
    }

    @Test
    void noActiveLifecycleActionMeansItAlreadyEnded() {
        autoScaling.failOn("completeLifecycleAction", FakeAutoScaling.noActiveLifecycleAction(ACTION.token()));
        assertEquals(LifecycleActions.Answer.ALREADY_ENDED, actions.complete(ACTION));
    }

    @Test
    void otherValidationErrorsAreErrors() {
        AutoScalingException other = FakeAutoScaling.error(400, "ValidationError", "Group web-asg not found");
        assertFalse(LifecycleActions.alreadyEnded(other));
        autoScaling.failOn("completeLifecycleAction", other);
        assertThrows(AutoScalingException.class, () -> actions.complete(ACTION));
    }

    @Test
    void throttlingIsAnError() {
        assertFalse(LifecycleActions.alreadyEnded(FakeAutoScaling.error(400, "Throttling", "Rate exceeded")));
        assertTrue(LifecycleActions.alreadyEnded(FakeAutoScaling.noActiveLifecycleAction("x")));
    }

    @Test
    void aHeartbeatNamesTheAction() {
        assertEquals(LifecycleActions.Answer.DONE, actions.heartbeat(ACTION));
        assertEquals(ACTION.token(), autoScaling.heartbeats().get(0).lifecycleActionToken());
        assertEquals("web-asg", autoScaling.heartbeats().get(0).autoScalingGroupName());
    }
}
