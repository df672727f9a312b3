package dev.asgchef.events;

import java.util.Objects;

/** A well-formed Auto Scaling event that asks nothing of drain-queue (a launch, a failed launch, ...). */
public record Ignorable(String description) implements Event {
    public Ignorable {
        Objects.requireNonNull(description, "description");
    }

    @Override
    public String describe() {
        return description;
    }
}
