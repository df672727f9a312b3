package dev.asgchef.drain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counts of how messages ended; workers and the delete batches record into it. */
final class HandlingCounts {
    private final Map<Handling, LongAdder> counts = new EnumMap<>(Handling.class);

    HandlingCounts() {
        for (Handling h : Handling.values()) {
            counts.put(h, new LongAdder());
        }
    }

    void record(Handling handling) {
        counts.get(handling).increment();
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    DrainSummary summary(StopReason reason, boolean dryRun, Duration elapsed) {
        Map<Handling, Long> snapshot = new EnumMap<>(Handling.class);
        counts.forEach((h, n) -> snapshot.put(h, n.sum()));
        return new DrainSummary(snapshot, reason, dryRun, elapsed);
    }
}
