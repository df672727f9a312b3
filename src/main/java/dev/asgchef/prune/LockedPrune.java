package dev.asgchef.prune;

import dev.asgchef.RunLock;
import dev.asgchef.report.ExitStatus;
import dev.asgchef.report.Reporter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * prune-nodes as cron or a systemd timer runs it: one run per lock file at a time. A run that finds the lock held
 * leaves the work to the run holding it and succeeds without opening anything.
 */
public final class LockedPrune {
    private final Path lockFile;
    private final Reporter reporter;
    private final Clock clock;

    public LockedPrune(Path lockFile, Reporter reporter, Clock clock) {
        this.lockFile = lockFile;
        this.reporter = reporter;
        this.clock = clock;
    }

    /**
     * @param prune opens what the run needs (AWS, Chef), prunes and closes it; called only once the lock is held
     * @return the exit code: the run's, or 0 when another run holds the lock
     */
    public int run(Supplier<PruneSummary> prune) {
        OptionalInt held = RunLock.whileHeld(lockFile, clock.instant(), () -> {
            int exitCode = prune.get().exitCode();
            reporter.finish(exitCode);
            return exitCode;
        });
        if (held.isPresent()) {
            return held.getAsInt();
        }
        reporter.summary(
                "Another prune-nodes run is working (" + RunLock.holderNote(lockFile) + "): leaving the nodes to it.");
        reporter.finish(ExitStatus.OK);
        return ExitStatus.OK;
    }
}
