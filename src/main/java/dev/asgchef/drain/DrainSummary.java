package dev.asgchef.drain;

import dev.asgchef.report.ExitStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a run did, counted by {@link Handling}: the closing line, the exit code and the JSON result. */
public record DrainSummary(Map<Handling, Long> counts, StopReason stopReason, boolean dryRun, Duration elapsed) {
    public DrainSummary {
        EnumMap<Handling, Long> copy = new EnumMap<>(Handling.class);
        counts.forEach((h, n) -> {
            if (n > 0) {
                copy.put(h, n);
            }
        });
        counts = Collections.unmodifiableMap(copy);
    }

    public long count(Handling handling) {
        return counts.getOrDefault(handling, 0L);
    }

    public long received() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(Handling.Fate fate) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().fate() == fate)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /**
     * 0 when nothing is left undone; 1 when nothing could be done (cleanups failed, AWS did not answer, deletes
     * failed, or receiving failed, and nothing was handled: the queue, AWS or Chef is unreachable); 3 otherwise, when
     * something is left: some handled and some not, or all that is left is what no retry of this run could change
     * (malformed messages, instances still running).
     */
    public int exitCode() {
        boolean trouble = count(Handling.Fate.LEFT) > 0 || stopReason == StopReason.RECEIVE_FAILED;
        if (!trouble) {
            return ExitStatus.OK;
        }
        boolean failures = stopReason == StopReason.RECEIVE_FAILED
                || counts.keySet().stream().anyMatch(DrainSummary::isFailure);
        return count(Handling.Fate.DONE) == 0 && failures ? ExitStatus.FAILED : ExitStatus.PARTIAL;
    }

    /** Left because something could not be done, not because of what the message or its instance is. */
    private static boolean isFailure(Handling handling) {
        return switch (handling) {
            case FAILED, UNVERIFIED, REFUSED, NOT_DELETED, OVER_LIMIT -> true;
            default -> false;
        };
    }

    /** {@code Drained 42 messages: 39 cleaned, 1 already absent, 1 test notification, 1 failed (left for retry)}. */
    public String line() {
        long received = received();
        String head = (dryRun ? "Dry run: read " : "Drained ") + received + (received == 1 ? " message" : " messages");
        if (dryRun) {
            head += " (nothing deleted, all back in the queue)";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((h, n) -> parts.add(h.count(n)));
        String body = parts.isEmpty() ? "the queue was empty" : String.join(", ", parts);
        String tail = stopReason == StopReason.EMPTY ? "" : " (" + stopReason.words() + ")";
        return head + ": " + body + tail;
    }

    /** The machine-readable result for JSON output. */
    public Map<String, Object> result() {
        Map<String, Object> counted = new LinkedHashMap<>();
        counts.forEach((h, n) -> counted.put(h.key(), n));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("received", received());
        result.put("deleted", dryRun ? 0 : count(Handling.Fate.DONE));
        result.put("left", count(Handling.Fate.LEFT));
        result.put("returned", count(Handling.Fate.RETURNED));
        result.put("counts", counted);
        result.put("stopReason", stopReason.name().toLowerCase(java.util.Locale.ROOT));
        result.put("dryRun", dryRun);
        result.put("elapsedSeconds", elapsed.toMillis() / 1000.0);
        return result;
    }
}
