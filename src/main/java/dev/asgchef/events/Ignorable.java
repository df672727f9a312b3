package dev.asgchef.events;

import java.util.Objects;

/**
 * A well-formed event that asks nothing of drain-queue: a launch, a failed launch, an EC2 state other than shutting-down
 * or terminated, a Spot warning, an EventBridge event from another source.
 */
public record Ignorable(String description) implements Event {
    public Ignorable {
        Objects.requireNonNull(description, "description");
    }

    @Override
    public String describe() {
        return description;
    }
}
