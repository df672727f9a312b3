package dev.asgchef.drain;

import dev.asgchef.chef.CleanupResult;
import dev.asgchef.chef.CleanupResult.Verdict;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.report.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A NodeCleaner that answers each target with a chosen verdict (CLEANED unless told) and records the targets. */
final class FakeCleaner implements NodeCleaner {
    final List<String> targets = new CopyOnWriteArrayList<>();
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    private volatile Verdict otherwise = Verdict.CLEANED;
    private volatile Consumer<String> during = target -> {};

    FakeCleaner answer(String target, Verdict verdict) {
        verdicts.put(target, verdict);
        return this;
    }

    FakeCleaner otherwise(Verdict verdict) {
        otherwise = verdict;
        return this;
    }

    /** Runs while the cleanup of a target is under way, before the answer. */
    FakeCleaner during(Consumer<String> action) {
        during = action;
        return this;
    }

    @Override
    public CleanupResult clean(String target) {
        targets.add(target);
        during.accept(target);
        return result(target, verdicts.getOrDefault(target, otherwise));
    }

    static CleanupResult result(String target, Verdict verdict) {
        Outcome outcome =
                switch (verdict) {
                    case CLEANED -> Outcome.SUCCESS;
                    case ALREADY_ABSENT -> Outcome.ALREADY_ABSENT;
                    case WOULD_CLEAN -> Outcome.PLANNED;
                    case REFUSED -> Outcome.SKIPPED;
                    case FAILED -> Outcome.FAILED;
                };
        String reason =
                switch (verdict) {
                    case REFUSED -> "node " + target + " names instance i-0fffffffffffffff0";
                    case FAILED -> "Chef answered 503 Service Unavailable";
                    default -> "";
                };
        return new CleanupResult(target, Optional.of(target), verdict, outcome, outcome, reason);
    }
}
