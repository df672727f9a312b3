package dev.asgchef.testing;

import dev.asgchef.chef.CleanupResult;
import dev.asgchef.chef.CleanupResult.Verdict;
import dev.asgchef.chef.CleanupSettings;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Chef as an in-process object, for command tests where the HTTP conversation is not the point: handed to the CLI
 * with {@link CliHarness#chef}, it opens a cleaner over a set of nodes and clients kept in memory. The cleaner deletes
 * by name, the client first, and reports the step lines asgchef's own client reports; a target can be made to fail or
 * to be refused. Every opening is recorded with its settings, so a test sees what the options became and whether
 * Chef was opened at all. Lookup by search, signing, TLS and the server's answers are {@link FakeChefServer}'s, over
 * HTTP.
 */
public final class FakeChef implements NodeCleaner.Provider {
    private final Set<String> nodes = ConcurrentHashMap.newKeySet();
    private final Set<String> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final List<CleanupSettings> opened = new CopyOnWriteArrayList<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    /** A node and a client named {@code name}. */
    public FakeChef knows(String name) {
        nodes.add(name);
        clients.add(name);
        return this;
    }

    /** Cleaning {@code target} is refused for {@code reason}; nothing is deleted. */
    public FakeChef refuses(String target, String reason) {
        refusals.put(target, reason);
        return this;
    }

    /** Deleting the client of {@code target} fails for {@code reason}; its node is left for a retry. */
    public FakeChef fails(String target, String reason) {
        failures.put(target, reason);
        return this;
    }

    public boolean hasNode(String name) {
        return nodes.contains(name);
    }

    public boolean hasClient(String name) {
        return clients.contains(name);
    }

    /** The settings of each opening, in order: empty when no command opened Chef. */
    public List<CleanupSettings> opened() {
        return List.copyOf(opened);
    }

    /** The targets the cleaners were asked to clean, in order. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public NodeCleaner open(CleanupSettings settings) {
        opened.add(settings);
        return target -> clean(target, settings.reporter(), settings.dryRun());
    }

    private CleanupResult clean(String target, Reporter reporter, boolean dryRun) {
        asked.add(target);
        String refusal = refusals.get(target);
        if (refusal != null) {
            report(reporter, "Client", target, Outcome.REFUSED, refusal);
            report(reporter, "Node", target, Outcome.REFUSED, "nothing was deleted");
            return result(target, Verdict.REFUSED, Outcome.SKIPPED, Outcome.SKIPPED, refusal);
        }
        if (dryRun) {
            Outcome client = planned(reporter, "Client", target, clients.contains(target));
            Outcome node = planned(reporter, "Node", target, nodes.contains(target));
            boolean absent = client == Outcome.ALREADY_ABSENT && node == Outcome.ALREADY_ABSENT;
            return result(target, absent ? Verdict.ALREADY_ABSENT : Verdict.WOULD_CLEAN, client, node, "");
        }
        String failure = failures.get(target);
        if (failure != null) {
            report(reporter, "Client", target, Outcome.FAILED, failure);
            report(reporter, "Node", target, Outcome.SKIPPED, "left for a retry: its client is not deleted yet");
            return result(target, Verdict.FAILED, Outcome.FAILED, Outcome.SKIPPED, failure);
        }
        Outcome client = clients.remove(target) ? Outcome.SUCCESS : Outcome.ALREADY_ABSENT;
        report(reporter, "Client", target, client, null);
        Outcome node = nodes.remove(target) ? Outcome.SUCCESS : Outcome.ALREADY_ABSENT;
        report(reporter, "Node", target, node, null);
        boolean absent = client == Outcome.ALREADY_ABSENT && node == Outcome.ALREADY_ABSENT;
        return result(target, absent ? Verdict.ALREADY_ABSENT : Verdict.CLEANED, client, node, "");
    }

    private static Outcome planned(Reporter reporter, String kind, String target, boolean present) {
        Outcome outcome = present ? Outcome.PLANNED : Outcome.ALREADY_ABSENT;
        report(reporter, kind, target, outcome, null);
        return outcome;
    }

    private static void report(Reporter reporter, String kind, String target, Outcome outcome, String reason) {
        reporter.step(new Step(Action.DELETE, "Chef " + kind + " " + target, outcome, reason, null));
    }

    private static CleanupResult result(String target, Verdict verdict, Outcome client, Outcome node, String reason) {
        return new CleanupResult(target, Optional.of(target), verdict, client, node, reason);
    }
}
