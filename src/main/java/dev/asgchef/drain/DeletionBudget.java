package dev.asgchef.drain;

import dev.asgchef.chef.CleanupResult;
import dev.asgchef.report.Outcome;
import java.util.OptionalInt;

/**
 * {@code --max-deletions N}: how many Chef nodes one run of drain-queue or prune-nodes may delete. It counts deletions, not cleanups: a node that was
 * already gone, or a cleanup that was refused, deletes nothing and leaves the budget as it was.
 *
 * <p>Cleanups run in parallel, so a cleanup takes a slot before it starts and gives it back when it turns out to have
 * deleted nothing. While every slot is taken by a cleanup still under way, the next one waits for them rather than
 * being turned away: one of them may give its slot back.
 */
public final class DeletionBudget {
    /** What {@link #take} answered. */
    public enum Grant {
        /** Go ahead; report how it ended with {@link #release}. */
        GRANTED,
        /** N nodes are deleted: no more this run. */
        EXHAUSTED,
        /** A stop was requested while waiting for a slot. */
        STOPPED
    }

    private static final long POLL_MILLIS = 100;

    private final long limit;
    private long deleted;
    private long underWay;

    public DeletionBudget(OptionalInt maxDeletions) {
        this.limit = maxDeletions.isPresent() ? maxDeletions.getAsInt() : Long.MAX_VALUE;
    }

    /** A slot for one cleanup; waits while the slots are held by cleanups under way. */
    public synchronized Grant take(StopSignal stop) {
        while (deleted + underWay >= limit) {
            if (underWay == 0) {
                return Grant.EXHAUSTED;
            }
            if (stop.requested()) {
                return Grant.STOPPED;
            }
            try {
                wait(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Grant.STOPPED;
            }
        }
        underWay++;
        return Grant.GRANTED;
    }

    /**
     * Ends a granted cleanup: its slot stays used when it deleted something (or would have, in a dry run, or it is not
     * known), and goes back otherwise.
     *
     * @param result how the cleanup ended; null when it ended with an exception, which counts as a deletion
     */
    public synchronized void release(CleanupResult result) {
        underWay--;
        if (result == null || deletedSomething(result)) {
            deleted++;
        }
        notifyAll();
    }

    /** CLEANED and WOULD_CLEAN delete; a FAILED cleanup may have deleted one of the two before it failed. */
    static boolean deletedSomething(CleanupResult result) {
        return switch (result.verdict()) {
            case CLEANED, WOULD_CLEAN -> true;
            case ALREADY_ABSENT, REFUSED -> false;
            case FAILED -> result.client() == Outcome.SUCCESS || result.node() == Outcome.SUCCESS;
        };
    }
}
