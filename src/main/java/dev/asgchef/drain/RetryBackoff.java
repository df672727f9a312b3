package dev.asgchef.drain;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a message left for retry stays hidden, from how often SQS has handed it out: the message carries its own
 * backoff, so a run longer than the visibility timeout cannot burn its receives by itself.
 *
 * <p>For receive {@code n}: {@code nominal = min(max, first × 2^(n-1))}, then up to a fifth of it taken off at random
 * (never below {@code first}), so that messages that failed together do not all come back together.
 */
public final class RetryBackoff {
    /** SQS's longest visibility timeout. */
    public static final Duration LONGEST = Duration.ofHours(12);

    public static final Duration DEFAULT_FIRST = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX = Duration.ofMinutes(15);

    /** The share of the nominal delay the jitter may take off. */
    static final double JITTER = 0.2;

    private final Duration first;
    private final Duration max;
    private final RandomGenerator random;

    /**
     * @param first the delay after the first receive ({@code --retry-delay}), at least one second
     * @param max the longest delay ({@code --max-retry-delay}), from {@code first} to 12 hours
     * @param random the jitter's source
     */
    public RetryBackoff(Duration first, Duration max, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        requireValid(first, max);
        this.first = first;
        this.max = max;
        this.random = random;
    }

    /** Refuses delays SQS cannot take: {@code first} from 1 s, {@code max} from {@code first} to 12 h. */
    static void requireValid(Duration first, Duration max) {
        if (first.compareTo(Duration.ofSeconds(1)) < 0 || first.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("the retry delay must be 1 s to 12 h");
        }
        if (max.compareTo(first) < 0 || max.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("the longest retry delay must be from the retry delay to 12 h");
        }
    }

    /** The delay before receive {@code receiveCount + 1}, in whole seconds as ChangeMessageVisibility takes it. */
    public Duration after(int receiveCount) {
        long nominal = nominalSeconds(receiveCount);
        long jittered = nominal - (long) Math.floor(nominal * JITTER * random.nextDouble());
        return Duration.ofSeconds(Math.max(first.toSeconds(), jittered));
    }

    /** The delay without jitter. */
    long nominalSeconds(int receiveCount) {
        int doublings = Math.max(0, Math.min(receiveCount, 64) - 1);
        long seconds = first.toSeconds();
        for (int i = 0; i < doublings && seconds < max.toSeconds(); i++) {
            seconds *= 2;
        }
        return Math.min(seconds, max.toSeconds());
    }
}
