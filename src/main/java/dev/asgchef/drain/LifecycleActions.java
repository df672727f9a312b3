package dev.asgchef.drain;

import dev.asgchef.aws.AwsFailure;
import dev.asgchef.events.TerminatingLifecycleAction;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;

/** Completes terminating lifecycle actions with CONTINUE, and keeps them waiting while a slow cleanup runs. */
final class LifecycleActions {
    /** What Auto Scaling said. */
    enum Answer {
        DONE,
        /** The wait had already ended (completed by someone else, or timed out): nothing left to do. */
        ALREADY_ENDED
    }

    private final Supplier<AutoScalingClient> autoScaling;

    /** @param autoScaling the client, built on the first lifecycle action */
    LifecycleActions(Supplier<AutoScalingClient> autoScaling) {
        this.autoScaling = autoScaling;
    }

    /** Lets the termination continue; throws SdkException when Auto Scaling could not be told. */
    Answer complete(TerminatingLifecycleAction action) {
        try {
            autoScaling.get().completeLifecycleAction(r -> r.autoScalingGroupName(action.groupName())
                    .lifecycleHookName(action.hookName())
                    .lifecycleActionToken(action.token())
                    .lifecycleActionResult("CONTINUE"));
            return Answer.DONE;
        } catch (AutoScalingException e) {
            if (alreadyEnded(e)) {
                return Answer.ALREADY_ENDED;
            }
            throw e;
        }
    }

    /** Restarts the hook's heartbeat timer; throws SdkException when Auto Scaling could not be told. */
    Answer heartbeat(TerminatingLifecycleAction action) {
        try {
            autoScaling.get().recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName(action.groupName())
                    .lifecycleHookName(action.hookName())
                    .lifecycleActionToken(action.token()));
            return Answer.DONE;
        } catch (AutoScalingException e) {
            if (alreadyEnded(e)) {
                return Answer.ALREADY_ENDED;
            }
            throw e;
        }
    }

    /**
     * Auto Scaling answers a completion or heartbeat after the wait ended with ValidationError "No active Lifecycle
     * Action found with token ...": not in its documentation, but what every consumer matches on.
     */
    static boolean alreadyEnded(SdkException e) {
        return AwsFailure.errorCode(e).equals("ValidationError")
                && AwsFailure.reason(e).contains("No active Lifecycle Action found");
    }
}
