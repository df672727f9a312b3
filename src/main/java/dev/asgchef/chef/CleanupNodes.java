package dev.asgchef.chef;

import dev.asgchef.report.ExitStatus;
import dev.asgchef.report.Reporter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** cleanup-node: makes each named instance's or node's Chef client and node gone, one after the other. */
public final class CleanupNodes {
    /** The targets in the order given; a repeated target is cleaned once. */
    public record Request(List<String> targets) {
        public Request {
            targets = List.copyOf(new LinkedHashSet<>(targets));
        }
    }

    private final NodeCleaner cleaner;
    private final Reporter reporter;

    public CleanupNodes(NodeCleaner cleaner, Reporter reporter) {
        this.cleaner = cleaner;
        this.reporter = reporter;
    }

    /** @return 0 when every target is gone (or would be), 1 when none is, 3 when some are */
    public int run(Request request) {
        List<CleanupResult> results = new ArrayList<>();
        for (String target : request.targets()) {
            results.add(cleaner.clean(target));
        }
        long good = results.stream()
                .filter(r -> r.done() || r.verdict() == CleanupResult.Verdict.WOULD_CLEAN)
                .count();
        reporter.result("nodes", results.stream().map(CleanupNodes::describe).toList());
        Map<CleanupResult.Verdict, Long> counts = new EnumMap<>(CleanupResult.Verdict.class);
        results.forEach(r -> counts.merge(r.verdict(), 1L, Long::sum));
        reporter.result(
                "counts",
                counts.entrySet().stream()
                        .collect(Collectors.toMap(
                                e -> e.getKey().name().toLowerCase(Locale.ROOT),
                                Map.Entry::getValue,
                                (a, b) -> a,
                                LinkedHashMap::new)));
        if (results.size() > 1) {
            reporter.summary(results.size() + " targets: "
                    + counts.entrySet().stream()
                            .map(e -> e.getValue() + " "
                                    + e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                            .collect(Collectors.joining(", "))
                    + ".");
        }
        int exit = good == results.size() ? ExitStatus.OK : good == 0 ? ExitStatus.FAILED : ExitStatus.PARTIAL;
        reporter.finish(exit);
        return exit;
    }

    private static Map<String, Object> describe(CleanupResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("target", result.target());
        map.put("name", result.nodeName().orElse(null));
        map.put("verdict", result.verdict().name().toLowerCase(Locale.ROOT));
        map.put("client", result.client().key());
        map.put("node", result.node().key());
        if (!result.reason().isEmpty()) {
            map.put("reason", result.reason());
        }
        return map;
    }
}
