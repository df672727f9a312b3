package dev.asgchef.drain;

import dev.asgchef.RunLock;
import dev.asgchef.report.ExitStatus;
import dev.asgchef.report.Reporter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * drain-queue as cron runs it: one run per lock file at a time. A run that finds the lock held leaves the queue to the
 * run holding it and succeeds, without opening anything; otherwise it drains while holding the lock.
 */
public final class LockedDrain {
    private final Path lockFile;
    private final Reporter reporter;
    private final Clock clock;

    public LockedDrain(Path lockFile, Reporter reporter, Clock clock) {
        this.lockFile = lockFile;
        this.reporter = reporter;
        this.clock = clock;
    }

    /**
     * @param stop the run's stop signal: after a signal the JVM exits 143 whatever the drain did, so the finish line
     *     says 143 too (the summary line tells how far the drain got)
     * @param drain opens what the drain needs (AWS, Chef), drains and closes it; called only once the lock is held
     * @return the exit code: the drain's, 143 after a signal, or 0 when another run holds the lock
     */
    public int run(DrainRequest request, StopSignal stop, Supplier<DrainSummary> drain) {
        OptionalInt held = RunLock.whileHeld(lockFile, clock.instant(), () -> {
            int drained = drain.get().exitCode();
            int exitCode = stop.bySignal() ? ExitStatus.SIGNALLED : drained;
            reporter.finish(exitCode);
            return exitCode;
        });
        if (held.isPresent()) {
            return held.getAsInt();
        }
        reporter.summary("Another drain-queue run is working on '"
                + request.queue().name() + "' (" + RunLock.holderNote(lockFile) + "): leaving the queue to it.");
        reporter.finish(ExitStatus.OK);
        return ExitStatus.OK;
    }
}
