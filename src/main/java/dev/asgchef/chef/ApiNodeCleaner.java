package dev.asgchef.chef;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asgchef.AsgchefException;
import dev.asgchef.InstanceId;
import dev.asgchef.chef.CleanupResult.Verdict;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Deletes an instance's Chef client and node through the Chef Server API, as {@code knife client delete NAME -y} and
 * {@code knife node delete NAME -y} would, with the checks a fleet needs: the node must not name another instance, a
 * search must find exactly one node, validators are never deleted. The client goes first, so a chef-client run still
 * in flight can no longer save the node again; the server's own not-found for an object counts as already gone (any
 * other 404 is a failure), so a re-run finishes what a failed run left. Thread-safe: drain-queue calls it from several
 * workers.
 */
final class ApiNodeCleaner implements NodeCleaner {
    /** More than one match is refused, so a few rows are all a search needs to return. */
    private static final int SEARCH_ROWS = 10;

    private static final String CLIENT = "client";
    private static final String NODE = "node";

    private final ChefServer server;
    private final Lookup lookup;
    private final Optional<Backups> backups;
    private final boolean dryRun;
    private final Reporter reporter;

    ApiNodeCleaner(
            ChefServer server,
            Lookup lookup,
            Optional<Path> backupDirectory,
            Clock clock,
            boolean dryRun,
            Reporter reporter) {
        this.server = server;
        this.lookup = lookup;
        this.backups = backupDirectory.map(directory -> new Backups(directory, clock));
        this.dryRun = dryRun;
        this.reporter = reporter;
    }

    @Override
    public CleanupResult clean(String target) {
        Optional<InstanceId> instance = InstanceId.parse(target);
        if (instance.isEmpty()) {
            Optional<String> problem = NodeName.problem(target);
            if (problem.isPresent()) {
                return refuse(Subject.unknown(NodeName.printable(String.valueOf(target))), problem.get());
            }
        }
        Subject subject = Subject.unknown(target);
        try {
            Found found = instance.isPresent() ? findInstance(instance.get()) : findNamed(new NodeName(target));
            subject = found.subject(target);
            if (found.refusal().isPresent()) {
                return refuse(subject, found.refusal().get());
            }
            if (found.name().isEmpty()) {
                return nothingFound(subject, instance.orElseThrow());
            }
            return delete(subject, found.name().get(), found.node());
        } catch (AsgchefException e) {
            return failedBeforeDeleting(subject, e.getMessage());
        }
    }

    private Found findNamed(NodeName name) {
        return new Found(Optional.of(name), server.node(name), Optional.empty());
    }

    private Found findInstance(InstanceId instance) {
        NodeName byName = new NodeName(instance.value());
        if (lookup != Lookup.SEARCH) {
            Optional<JsonNode> node = server.node(byName);
            if (node.isPresent() || lookup == Lookup.NAME) {
                return checked(instance, byName, node);
            }
        }
        List<ChefServer.NodeMatch> matches = server.nodesOfInstance(instance, SEARCH_ROWS);
        if (matches.isEmpty()) {
            // Under auto a client may still be named after the instance although its node is gone.
            return lookup == Lookup.AUTO
                    ? new Found(Optional.of(byName), Optional.empty(), Optional.empty())
                    : new Found(Optional.empty(), Optional.empty(), Optional.empty());
        }
        if (matches.size() > 1) {
            String names = matches.stream().map(ChefServer.NodeMatch::name).collect(Collectors.joining(", "));
            return new Found(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of((matches.size() >= SEARCH_ROWS ? "at least " : "") + matches.size()
                            + " nodes record ec2.instance_id " + instance + " (" + NodeName.printable(names) + "):"
                            + " delete the right one by name with 'asgchef cleanup-node NAME'"));
        }
        ChefServer.NodeMatch match = matches.get(0);
        Optional<String> problem = NodeName.problem(match.name());
        if (problem.isPresent()) {
            return new Found(Optional.empty(), Optional.empty(), Optional.of("search found " + problem.get()));
        }
        NodeName name = new NodeName(match.name());
        return checked(instance, name, server.node(name));
    }

    /** Refuses a node whose own record names a different instance: hostname reuse, or a wrong search hit. */
    private static Found checked(InstanceId instance, NodeName name, Optional<JsonNode> node) {
        Optional<String> recorded = node.flatMap(ApiNodeCleaner::recordedInstance);
        if (recorded.isPresent() && !recorded.get().equals(instance.value())) {
            return new Found(
                    Optional.of(name),
                    node,
                    Optional.of("node " + name + " records ec2.instance_id " + NodeName.printable(recorded.get())
                            + ", not " + instance + ": it belongs to another instance; nothing was deleted"));
        }
        return new Found(Optional.of(name), node, Optional.empty());
    }

    /** {@code ec2.instance_id} as the node's merged attributes have it (automatic, where Ohai writes, wins). */
    static Optional<String> recordedInstance(JsonNode node) {
        for (String level : List.of("automatic", "override", "normal", "default")) {
            JsonNode id = node.path(level).path("ec2").path("instance_id");
            if (id.isTextual() && !id.asText().isEmpty()) {
                return Optional.of(id.asText());
            }
        }
        return Optional.empty();
    }

    private CleanupResult delete(Subject subject, NodeName name, Optional<JsonNode> node) {
        Optional<JsonNode> client = server.client(name);
        if (client.map(ApiNodeCleaner::isValidator).orElse(false)) {
            return refuse(
                    subject,
                    "client " + name + " is a validator: deleting it would stop new nodes from registering;"
                            + " delete it by hand with 'knife client delete " + name + " -y -D' if you mean it");
        }
        if (dryRun) {
            Outcome clientOutcome = plan(subject, CLIENT, name, client);
            Outcome nodeOutcome = plan(subject, NODE, name, node);
            Verdict verdict = client.isEmpty() && node.isEmpty() ? Verdict.ALREADY_ABSENT : Verdict.WOULD_CLEAN;
            return result(subject, Optional.of(name), verdict, clientOutcome, nodeOutcome, "");
        }
        if (backups.isPresent()) {
            client.ifPresent(json -> backups.get().save("clients", name, json));
            node.ifPresent(json -> backups.get().save("nodes", name, json));
        }

        Outcome clientOutcome;
        try {
            // Absent when looked up a moment ago: no DELETE, as knife sends none after a 404 on its GET.
            clientOutcome = client.isPresent() && server.deleteClient(name) ? Outcome.SUCCESS : Outcome.ALREADY_ABSENT;
            report(subject, CLIENT, clientOutcome, null);
        } catch (AsgchefException e) {
            report(subject, CLIENT, Outcome.FAILED, e.getMessage());
            report(subject, NODE, Outcome.SKIPPED, "left for a retry: its client is not deleted yet");
            return result(subject, Optional.of(name), Verdict.FAILED, Outcome.FAILED, Outcome.SKIPPED, e.getMessage());
        }
        Outcome nodeOutcome;
        try {
            nodeOutcome = node.isPresent() && server.deleteNode(name) ? Outcome.SUCCESS : Outcome.ALREADY_ABSENT;
            report(subject, NODE, nodeOutcome, null);
        } catch (AsgchefException e) {
            report(subject, NODE, Outcome.FAILED, e.getMessage());
            return result(subject, Optional.of(name), Verdict.FAILED, clientOutcome, Outcome.FAILED, e.getMessage());
        }
        Verdict verdict = clientOutcome == Outcome.ALREADY_ABSENT && nodeOutcome == Outcome.ALREADY_ABSENT
                ? Verdict.ALREADY_ABSENT
                : Verdict.CLEANED;
        return result(subject, Optional.of(name), verdict, clientOutcome, nodeOutcome, "");
    }

    private Outcome plan(Subject subject, String kind, NodeName name, Optional<JsonNode> object) {
        if (object.isEmpty()) {
            report(subject, kind, Outcome.ALREADY_ABSENT, null);
            return Outcome.ALREADY_ABSENT;
        }
        report(
                subject,
                kind,
                Outcome.PLANNED,
                backups.map(b -> "after saving it to " + b.planned(kind + "s", name))
                        .orElse(""));
        return Outcome.PLANNED;
    }

    private CleanupResult nothingFound(Subject subject, InstanceId instance) {
        String reason = "no node records ec2.instance_id " + instance;
        report(subject, CLIENT, Outcome.SKIPPED, reason + ", so no client name to delete");
        report(subject, NODE, Outcome.ALREADY_ABSENT, reason);
        return result(subject, Optional.empty(), Verdict.ALREADY_ABSENT, Outcome.SKIPPED, Outcome.ALREADY_ABSENT, "");
    }

    private CleanupResult refuse(Subject subject, String reason) {
        report(subject, CLIENT, Outcome.REFUSED, reason);
        report(subject, NODE, Outcome.REFUSED, "nothing was deleted");
        return result(subject, subject.name(), Verdict.REFUSED, Outcome.SKIPPED, Outcome.SKIPPED, reason);
    }

    private CleanupResult failedBeforeDeleting(Subject subject, String reason) {
        report(subject, CLIENT, Outcome.FAILED, reason);
        report(subject, NODE, Outcome.SKIPPED, "left for a retry");
        return result(subject, subject.name(), Verdict.FAILED, Outcome.FAILED, Outcome.SKIPPED, reason);
    }

    private void report(Subject subject, String kind, Outcome outcome, String reason) {
        Step step = new Step(Action.DELETE, subject.label(kind), outcome, reason, null)
                .with("kind", kind)
                .with("target", subject.target());
        reporter.step(subject.name().map(n -> step.with("name", n.value())).orElse(step));
    }

    private static CleanupResult result(
            Subject subject, Optional<NodeName> name, Verdict verdict, Outcome client, Outcome node, String reason) {
        return new CleanupResult(subject.target(), name.map(NodeName::value), verdict, client, node, reason);
    }

    private static boolean isValidator(JsonNode client) {
        JsonNode validator = client.path("validator");
        // The API documentation shows "false" as a string; servers send a boolean.
        return validator.asBoolean(false) || validator.asText("").equalsIgnoreCase("true");
    }

    /** What the lines call the objects: {@code Chef Client i-0abc…}, or {@code Chef Client web-1 (i-0abc…)}. */
    private record Subject(String target, Optional<NodeName> name) {
        static Subject unknown(String target) {
            return new Subject(target, Optional.empty());
        }

        String label() {
            return name.filter(n -> !n.value().equals(target))
                    .map(n -> n + " (" + target + ")")
                    .orElse(target);
        }

        /** {@code Chef Client i-0abc…}: the subject of a step line. */
        String label(String kind) {
            return (kind.equals(CLIENT) ? "Chef Client " : "Chef Node ") + label();
        }
    }

    /** What a lookup found: the name to delete (if any), the node's JSON (if it exists), or why not to act. */
    private record Found(Optional<NodeName> name, Optional<JsonNode> node, Optional<String> refusal) {
        Subject subject(String target) {
            return new Subject(target, name);
        }
    }
}
