package dev.asgchef.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.chef.CleanupResult;
import dev.asgchef.chef.CleanupResult.Verdict;
import dev.asgchef.report.Outcome;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeletionBudgetTest {
    private static final StopSignal NEVER = new StopSignal();

    private static CleanupResult ended(Verdict verdict) {
        return FakeCleaner.result("i-0123456789abcdef0", verdict);
    }

    @Test
    void withoutALimitEveryCleanupMayStart() {
        DeletionBudget budget = new DeletionBudget(OptionalInt.empty());
        for (int i = 0; i < 1000; i++) {
            assertEquals(DeletionBudget.Grant.GRANTED, budget.take(NEVER));
            budget.release(ended(Verdict.CLEANED));
        }
    }

    @Test
    void aCleanupThatDeletedNothingGivesItsSlotBack() {
        DeletionBudget budget = new DeletionBudget(OptionalInt.of(1));
        assertEquals(DeletionBudget.Grant.GRANTED, budget.take(NEVER));
        budget.release(ended(Verdict.ALREADY_ABSENT));
        assertEquals(DeletionBudget.Grant.GRANTED, budget.take(NEVER));
        budget.release(ended(Verdict.REFUSED));
        assertEquals(DeletionBudget.Grant.GRANTED, budget.take(NEVER));
        budget.release(ended(Verdict.CLEANED));
        assertEquals(DeletionBudget.Grant.EXHAUSTED, budget.take(NEVER));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"ALREADY_ABSENT, GRANTED", "REFUSED, GRANTED", "CLEANED, EXHAUSTED"})
    void whileTheLastSlotIsUnderWayTheNextCleanupWaitsForItsOutcome(Verdict outcome, DeletionBudget.Grant then)
            throws Exception {
        DeletionBudget budget = new DeletionBudget(OptionalInt.of(1));
        assertEquals(DeletionBudget.Grant.GRANTED, budget.take(NEVER));
        CompletableFuture<DeletionBudget.Grant> next = CompletableFuture.supplyAsync(() -> budget.take(NEVER));
        assertStillWaiting(next);

        budget.release(ended(outcome));

        assertEquals(then, next.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aStopEndsTheWait() throws Exception {
        DeletionBudget budget = new DeletionBudget(OptionalInt.of(1));
        budget.take(NEVER);
        StopSignal stop = new StopSignal();
        CompletableFuture<DeletionBudget.Grant> next = CompletableFuture.supplyAsync(() -> budget.take(stop));
        assertStillWaiting(next);

        stop.request();

        assertEquals(DeletionBudget.Grant.STOPPED, next.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFailedCleanupCountsOnlyWhenItDeletedOneOfTheTwo() {
        assertFalse(DeletionBudget.deletedSomething(ended(Verdict.FAILED)));
        assertTrue(DeletionBudget.deletedSomething(new CleanupResult(
                "i-0123456789abcdef0",
                Optional.of("web-1"),
                Verdict.FAILED,
                Outcome.SUCCESS,
                Outcome.FAILED,
                "the node could not be deleted")));
        assertTrue(DeletionBudget.deletedSomething(ended(Verdict.WOULD_CLEAN)));
    }

    @Test
    void aCleanupThatThrewCountsAsADeletion() {
        DeletionBudget budget = new DeletionBudget(OptionalInt.of(1));
        budget.take(NEVER);
        budget.release(null);
        assertEquals(DeletionBudget.Grant.EXHAUSTED, budget.take(NEVER));
    }

    /** The take has not returned within a few of the budget's own polls. */
    private static void assertStillWaiting(CompletableFuture<?> take) {
        assertThrows(TimeoutException.class, () -> take.get(300, TimeUnit.MILLISECONDS), "the take did not wait");
    }
}
