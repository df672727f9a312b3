package dev.asgchef.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.RunLock;
import dev.asgchef.testing.RecordingReporter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockedDrainTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final DrainRequest REQUEST = new Requests("asg-events").build();

    @TempDir
    Path directory;

    private final RecordingReporter reporter = new RecordingReporter();

    private Path lockFile() {
        return directory.resolve("drain.lock");
    }

    private LockedDrain lockedDrain() {
        return new LockedDrain(lockFile(), reporter, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static DrainSummary summary(Map<Handling, Long> counts) {
        return new DrainSummary(counts, StopReason.EMPTY, false, Duration.ofSeconds(1));
    }

    @Test
    void aRunFindingTheLockHeldNamesTheHolderLeavesTheQueueAndSucceedsWithoutDraining() {
        try (RunLock other = RunLock.tryAcquire(lockFile(), 4242, NOW).orElseThrow()) {
            int exitCode = lockedDrain().run(REQUEST, new StopSignal(), () -> {
                throw new AssertionError("the drain must not start while another run holds the lock");
            });

            assertEquals(0, exitCode);
            assertEquals(
                    List.of("Another drain-queue run is working on 'asg-events' (pid 4242 since"
                            + " 2025-03-01T12:00:00Z, lock " + lockFile() + "): leaving the queue to it."),
                    reporter.summaries());
            assertEquals(0, reporter.exitCode());
        }
    }

    @Test
    void afterASignalTheFinishLineSays143TheStatusTheJvmExitsWith() {
        StopSignal stop = new StopSignal();
        stop.requestBySignal();

        int exitCode = lockedDrain().run(REQUEST, stop, () -> summary(Map.of(Handling.CLEANED, 1L)));

        assertEquals(143, exitCode);
        assertEquals(143, reporter.exitCode());
    }

    @Test
    void aStopAskedForWithoutASignalKeepsTheRunsExitCode() {
        StopSignal stop = new StopSignal();
        stop.request();

        int exitCode =
                lockedDrain().run(REQUEST, stop, () -> summary(Map.of(Handling.CLEANED, 1L, Handling.FAILED, 1L)));

        assertEquals(3, exitCode);
    }

    @Test
    void theDrainRunsHoldingTheLockAndItsExitCodeIsTheRunsExitCode() {
        int exitCode = lockedDrain().run(REQUEST, new StopSignal(), () -> {
            assertEquals(Optional.empty(), RunLock.tryAcquire(lockFile(), 1, NOW), "the lock is held while draining");
            return summary(Map.of(Handling.CLEANED, 1L, Handling.FAILED, 1L));
        });

        assertEquals(3, exitCode);
        assertEquals(3, reporter.exitCode());
        assertTrue(RunLock.holder(lockFile())
                .startsWith("pid " + ProcessHandle.current().pid() + " since "));
        RunLock.tryAcquire(lockFile(), 1, NOW)
                .orElseThrow(() -> new AssertionError("released after"))
                .close();
    }

    @Test
    void theLockIsReleasedWhenTheDrainFails() {
        assertThrows(IllegalStateException.class, () -> lockedDrain().run(REQUEST, new StopSignal(), () -> {
            throw new IllegalStateException("queue unreachable");
        }));

        RunLock.tryAcquire(lockFile(), 1, NOW)
                .orElseThrow(() -> new AssertionError("released"))
                .close();
    }
}
