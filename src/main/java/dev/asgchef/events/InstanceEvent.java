package dev.asgchef.events;

import dev.asgchef.InstanceId;

/** An event that asks for an instance's Chef node and client to be removed. */
public sealed interface InstanceEvent extends Event permits InstanceTerminated, TerminatingLifecycleAction {
    InstanceId instanceId();

    /** The Auto Scaling group, or empty when the message did not name one. */
    String groupName();

    /**
     * The region the message says the group is in (its group ARN, EventBridge's region, or the SNS topic's), or empty
     * when it does not say (a lifecycle hook's message sent straight to SQS).
     */
    String region();
}
