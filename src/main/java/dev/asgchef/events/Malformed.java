package dev.asgchef.events;

import java.util.Objects;

/** A body drain-queue cannot act on, with the one-line reason; it belongs in the dead-letter queue. */
public record Malformed(String reason) implements Event {
    public Malformed {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String describe() {
        return "malformed message (" + reason + ")";
    }
}
