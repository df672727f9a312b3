package dev.asgchef.prune;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one prune-nodes run is asked to do.
 *
 * @param query a Chef search query that narrows the nodes looked at, e.g. {@code chef_environment:staging}
 * @param minAge a node that checked in less than this long ago is kept even when EC2 says its instance is gone
 * @param maxGoneFraction above this share of gone instances in a region, nothing in that region is deleted
 * @param force delete past the gone-fraction guard
 * @param maxDeletions delete at most this many nodes
 * @param requireAccount keep nodes that record no EC2 account, as well as those of another account
 */
public record PruneRequest(
        Optional<String> query,
        Duration minAge,
        double maxGoneFraction,
        boolean force,
        OptionalInt maxDeletions,
        boolean requireAccount,
        boolean dryRun) {

    public static final Duration DEFAULT_MIN_AGE = Duration.ofHours(2);
    public static final double DEFAULT_MAX_GONE_FRACTION = 0.5;

    public PruneRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(minAge, "minAge");
        Objects.requireNonNull(maxDeletions, "maxDeletions");
        if (minAge.isNegative()) {
            throw new IllegalArgumentException("min age cannot be negative");
        }
        if (!(maxGoneFraction >= 0 && maxGoneFraction <= 1)) {
            throw new IllegalArgumentException("max gone fraction must be 0 to 1");
        }
    }
}
