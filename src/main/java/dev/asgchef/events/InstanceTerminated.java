package dev.asgchef.events;

import dev.asgchef.InstanceId;
import java.util.Objects;

/**
 * {@code autoscaling:EC2_INSTANCE_TERMINATE}, EventBridge's "EC2 Instance Terminate Successful", or EC2's "EC2 Instance
 * State-change Notification" to shutting-down or terminated (which names no group).
 */
public record InstanceTerminated(InstanceId instanceId, String groupName, String region) implements InstanceEvent {
    public InstanceTerminated {
        Objects.requireNonNull(instanceId, "instanceId");
        groupName = groupName == null ? "" : groupName;
        region = region == null ? "" : region;
    }

    /** A termination whose message did not say its region. */
    public InstanceTerminated(InstanceId instanceId, String groupName) {
        this(instanceId, groupName, "");
    }

    @Override
    public String describe() {
        return "termination of " + instanceId + (groupName.isEmpty() ? "" : " (" + groupName + ")");
    }
}
