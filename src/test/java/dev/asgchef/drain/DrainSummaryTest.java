package dev.asgchef.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrainSummaryTest {
    private static DrainSummary summary(StopReason reason, boolean dryRun, Object... countsByHandling) {
        Map<Handling, Long> counts = new EnumMap<>(Handling.class);
        for (int i = 0; i < countsByHandling.length; i += 2) {
            counts.put((Handling) countsByHandling[i], ((Integer) countsByHandling[i + 1]).longValue());
        }
        return new DrainSummary(counts, reason, dryRun, Duration.ofSeconds(3));
    }

    @Test
    void theClosingLineCountsEachKindInOrder() {
        DrainSummary summary = summary(
                StopReason.EMPTY,
                false,
                Handling.FAILED,
                1,
                Handling.TEST_NOTIFICATION,
                1,
                Handling.CLEANED,
                39,
                Handling.ALREADY_ABSENT,
                1);
        assertEquals(
                "Drained 42 messages: 39 cleaned, 1 already absent, 1 test notification, 1 failed (left for retry)",
                summary.line());
    }

    @Test
    void countsArePluralisedAndZeroesLeftOut() {
        DrainSummary summary = summary(
                StopReason.EMPTY, false, Handling.TEST_NOTIFICATION, 2, Handling.CLEANED, 0, Handling.IGNORED, 1);
        assertEquals("Drained 3 messages: 2 test notifications, 1 ignored", summary.line());
    }

    @Test
    void anEmptyQueueSaysSo() {
        assertEquals(
                "Drained 0 messages: the queue was empty",
                summary(StopReason.EMPTY, false).line());
    }

    @Test
    void aLimitIsNamedAtTheEnd() {
        assertEquals(
                "Drained 1 message: 1 cleaned (--max-messages reached)",
                summary(StopReason.MAX_MESSAGES, false, Handling.CLEANED, 1).line());
    }

    @Test
    void aDryRunSaysNothingWasDeleted() {
        assertEquals(
                "Dry run: read 1 message (nothing deleted, all back in the queue): 1 would be cleaned",
                summary(StopReason.EMPTY, true, Handling.WOULD_CLEAN, 1).line());
    }

    @Test
    void allDoneIsExit0() {
        assertEquals(
                0,
                summary(StopReason.EMPTY, false, Handling.CLEANED, 3, Handling.IGNORED, 1)
                        .exitCode());
        assertEquals(0, summary(StopReason.EMPTY, false).exitCode());
    }

    @Test
    void messagesReturnedBecauseOfAStopAreNotAFailure() {
        assertEquals(
                0,
                summary(StopReason.STOPPED, false, Handling.CLEANED, 1, Handling.NOT_STARTED, 9)
                        .exitCode());
    }

    @Test
    void someLeftForRetryIsExit3() {
        assertEquals(
                3,
                summary(StopReason.EMPTY, false, Handling.CLEANED, 3, Handling.FAILED, 1)
                        .exitCode());
        assertEquals(
                3,
                summary(StopReason.EMPTY, false, Handling.IGNORED, 1, Handling.MALFORMED, 1)
                        .exitCode());
        assertEquals(
                3,
                summary(StopReason.MAX_DELETIONS, false, Handling.CLEANED, 5, Handling.OVER_LIMIT, 2)
                        .exitCode());
    }

    @Test
    void nothingDoneWithSomethingLeftIsExit1() {
        assertEquals(1, summary(StopReason.EMPTY, false, Handling.FAILED, 4).exitCode());
        assertEquals(1, summary(StopReason.RECEIVE_FAILED, false).exitCode());
    }

    @Test
    void aReceiveFailureAfterSomeWorkIsExit3() {
        assertEquals(
                3,
                summary(StopReason.RECEIVE_FAILED, false, Handling.CLEANED, 2).exitCode());
    }

    @Test
    void theResultHasTheCountsByKey() {
        Map<String, Object> result = summary(StopReason.EMPTY, false, Handling.CLEANED, 2, Handling.STILL_RUNNING, 1)
                .result();
        assertEquals(3L, result.get("received"));
        assertEquals(2L, result.get("deleted"));
        assertEquals(1L, result.get("left"));
        assertEquals(Map.of("cleaned", 2L, "still_running", 1L), result.get("counts"));
        assertEquals("empty", result.get("stopReason"));
        assertEquals(3.0, result.get("elapsedSeconds"));
    }
}
