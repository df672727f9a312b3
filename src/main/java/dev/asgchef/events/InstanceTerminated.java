package dev.asgchef.events;

import dev.asgchef.InstanceId;
import java.util.Objects;

/** {@code autoscaling:EC2_INSTANCE_TERMINATE}, or EventBridge's "EC2 Instance Terminate Successful". */
public record InstanceTerminated(InstanceId instanceId, String groupName) implements InstanceEvent {
    public InstanceTerminated {
        Objects.requireNonNull(instanceId, "instanceId");
        groupName = groupName == null ? "" : groupName;
    }

    @Override
    public String describe() {
        return "termination of " + instanceId + (groupName.isEmpty() ? "" : " (" + groupName + ")");
    }
}
