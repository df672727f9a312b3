package dev.asgchef.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    /** A random source that always says {@code value}: 0 takes nothing off, just under 1 takes the most. */
    private static RandomGenerator always(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static RetryBackoff defaults(double random) {
        return new RetryBackoff(RetryBackoff.DEFAULT_FIRST, RetryBackoff.DEFAULT_MAX, always(random));
    }

    @Test
    void theDelayDoublesWithEachReceiveFromTheRetryDelay() {
        RetryBackoff backoff = defaults(0);
        assertEquals(Duration.ofSeconds(60), backoff.after(1));
        assertEquals(Duration.ofSeconds(120), backoff.after(2));
        assertEquals(Duration.ofSeconds(240), backoff.after(3));
        assertEquals(Duration.ofSeconds(480), backoff.after(4));
    }

    @Test
    void theDelayStopsAtTheLongestRetryDelay() {
        RetryBackoff backoff = defaults(0);
        assertEquals(Duration.ofMinutes(15), backoff.after(5));
        assertEquals(Duration.ofMinutes(15), backoff.after(1000));
        assertEquals(Duration.ofMinutes(15), backoff.after(Integer.MAX_VALUE));
    }

    @Test
    void jitterTakesOffAtMostAFifth() {
        RetryBackoff backoff = defaults(0.999_999);
        assertEquals(Duration.ofSeconds(193), backoff.after(3), "240 s less just under 48 s");
        assertEquals(Duration.ofSeconds(721), backoff.after(5), "900 s less just under 180 s");
    }

    @Test
    void jitterNeverGoesBelowTheRetryDelay() {
        assertEquals(Duration.ofSeconds(60), defaults(0.999_999).after(1));
    }

    @Test
    void noReceiveCountIsTheFirstReceive() {
        assertEquals(Duration.ofSeconds(60), defaults(0).after(0));
    }

    @Test
    void delaysPastTwelveHoursAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryBackoff(Duration.ofMinutes(1), Duration.ofHours(13), always(0)));
    }

    @Test
    void aLongestDelayBelowTheFirstIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryBackoff(Duration.ofMinutes(5), Duration.ofMinutes(1), always(0)));
    }

    @Test
    void aRetryDelayUnderOneSecondIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryBackoff(Duration.ofMillis(500), Duration.ofMinutes(1), always(0)));
    }
}
