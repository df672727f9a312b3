package dev.asgchef.packer;

import java.util.Locale;
import java.util.Objects;

/**
 * What EC2 said about one AMI.
 *
 * @param condition the verdict
 * @param reason for anything but {@link Condition#AVAILABLE}, the one-line cause and fix; for AVAILABLE, the image's
 *     name
 */
public record AmiState(Condition condition, String reason) {
    /** Where an AMI stands. */
    public enum Condition {
        AVAILABLE,
        /** Still being made or copied. */
        PENDING,
        /** EC2 gave up on it ({@code failed}, {@code error}, {@code invalid}), or it was deregistered or disabled. */
        FAILED,
        /** EC2 does not know the id in that region and account. */
        MISSING,
        /** The question could not be asked: credentials, permissions, network. */
        UNKNOWN;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AmiState {
        Objects.requireNonNull(condition, "condition");
        reason = reason == null ? "" : reason;
    }

    public boolean available() {
        return condition == Condition.AVAILABLE;
    }
}
