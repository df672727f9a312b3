package dev.asgchef.notify;

import java.util.List;

/** Which Auto Scaling events the group sends to the topic. */
public enum EventSelection {
    /** What drain-queue acts on: instance terminations. */
    TERMINATE(List.of("autoscaling:EC2_INSTANCE_TERMINATE")),
    /** Launches and both error events as well, for a queue other consumers read too. */
    ALL(List.of(
            "autoscaling:EC2_INSTANCE_LAUNCH",
            "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
            "autoscaling:EC2_INSTANCE_TERMINATE",
            "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"));

    private final List<String> notificationTypes;

    EventSelection(List<String> notificationTypes) {
        this.notificationTypes = notificationTypes;
    }

    public List<String> notificationTypes() {
        return notificationTypes;
    }
}
