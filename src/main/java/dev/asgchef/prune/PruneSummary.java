package dev.asgchef.prune;

import dev.asgchef.report.ExitStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a run decided and did for every node: the closing line, the exit code and the JSON result. */
public record PruneSummary(List<NodeVerdict> verdicts, boolean dryRun) {
    public PruneSummary {
        verdicts = List.copyOf(verdicts);
    }

    public long count(Verdict verdict) {
        return verdicts.stream().filter(v -> v.verdict() == verdict).count();
    }

    /** Each verdict that occurred, with its count, in the enum's order. */
    public Map<Verdict, Long> counts() {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        verdicts.forEach(v -> counts.merge(v.verdict(), 1L, Long::sum));
        return counts;
    }

    /**
     * 0 when nothing is left unsettled; 1 when nothing could be done (every answer was a failure: EC2 or Chef is
     * unreachable); 3 when some nodes were settled and others failed, were refused, or were held back by the guard.
     */
    public int exitCode() {
        Map<Verdict, Long> counts = counts();
        long left = sum(counts, Verdict.Fate.LEFT);
        if (left == 0) {
            return ExitStatus.OK;
        }
        long failed = counts.getOrDefault(Verdict.FAILED, 0L) + counts.getOrDefault(Verdict.REGION_FAILED, 0L);
        return failed == verdicts.size() ? ExitStatus.FAILED : ExitStatus.PARTIAL;
    }

    /** {@code Pruned 12 of 340 EC2 nodes: 12 deleted, 320 running, 5 checked in too recently, 3 in another account}. */
    public String line() {
        long pruned = dryRun ? count(Verdict.WOULD_DELETE) : count(Verdict.DELETED);
        String head = (dryRun ? "Dry run: would prune " : "Pruned ") + pruned + " of " + verdicts.size()
                + (verdicts.size() == 1 ? " EC2 node" : " EC2 nodes");
        List<String> parts = new ArrayList<>();
        counts().forEach((verdict, n) -> parts.add(verdict.count(n)));
        return head
                + (parts.isEmpty()
                        ? " (Chef has no node that records an EC2 instance)"
                        : ": " + String.join(", ", parts))
                + (dryRun ? "; nothing was deleted" : "");
    }

    /** The JSON result: counts by verdict, and every node with its verdict and reason. */
    public Map<String, Object> json() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts().forEach((verdict, n) -> counts.put(verdict.key(), n));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dry_run", dryRun);
        json.put("ec2_nodes", verdicts.size());
        json.put("counts", counts);
        json.put("nodes", verdicts.stream().map(NodeVerdict::json).toList());
        return json;
    }

    private static long sum(Map<Verdict, Long> counts, Verdict.Fate fate) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().fate() == fate)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
