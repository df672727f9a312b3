package dev.asgchef.events;

import dev.asgchef.InstanceId;
import java.util.Objects;

/**
 * An {@code autoscaling:EC2_INSTANCE_TERMINATING} lifecycle action: the instance waits in {@code Terminating:Wait}
 * until the action is completed with this token (or the hook's heartbeat timeout runs out).
 */
public record TerminatingLifecycleAction(
        InstanceId instanceId, String groupName, String hookName, String token, String region)
        implements InstanceEvent {
    public TerminatingLifecycleAction {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(hookName, "hookName");
        Objects.requireNonNull(token, "token");
        region = region == null ? "" : region;
    }

    /** A lifecycle action whose message did not say its region. */
    public TerminatingLifecycleAction(InstanceId instanceId, String groupName, String hookName, String token) {
        this(instanceId, groupName, hookName, token, "");
    }

    @Override
    public String describe() {
        return "lifecycle action " + hookName + " for " + instanceId + " (" + groupName + ")";
    }
}
