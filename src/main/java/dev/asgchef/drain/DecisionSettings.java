package dev.asgchef.drain;

import dev.asgchef.aws.RedrivePolicy;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The operator's rules for one message's decision, whoever receives the message.
 *
 * @param verifyTerminated ask EC2 (and Auto Scaling) that an instance is on its way out before deleting its node
 * @param deleteMalformed drop malformed messages instead of sending them to the dead-letter queue
 * @param dryRun decide, change nothing (no cleanup, no lifecycle completion)
 * @param maxDeletions delete at most this many Chef nodes; a node already gone does not count
 * @param redrive the source queue's redrive policy, when known: report lines say how many tries a message has left
 */
public record DecisionSettings(
        boolean verifyTerminated,
        boolean deleteMalformed,
        boolean dryRun,
        OptionalInt maxDeletions,
        Optional<RedrivePolicy> redrive) {

    public DecisionSettings {
        Objects.requireNonNull(maxDeletions, "maxDeletions");
        Objects.requireNonNull(redrive, "redrive");
    }
}
