package dev.asgchef.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.chef.CleanupResult;
import dev.asgchef.chef.Ec2Node;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.chef.NodeSearch;
import dev.asgchef.report.Outcome;
import dev.asgchef.testing.FakeEc2;
import dev.asgchef.testing.FakeSts;
import dev.asgchef.testing.RecordingReporter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** PruneNodes against in-process EC2 and STS, with the Chef search and cleaner as plain functions. */
class PruneNodesTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final String ACCOUNT = FakeEc2.ACCOUNT;

    private final FakeEc2 ec2 = new FakeEc2();
    private final FakeSts sts = new FakeSts(ACCOUNT);
    private final List<String> cleaned = new ArrayList<>();
    private final NodeCleaner cleaner = target -> {
        cleaned.add(target);
        return new CleanupResult(
                target, Optional.of(target), CleanupResult.Verdict.CLEANED, Outcome.SUCCESS, Outcome.SUCCESS, "");
    };

    private static String id(int n) {
        return String.format("i-0%016x", n);
    }

    private static Ec2Node quiet(String instance) {
        return new Ec2Node(
                instance,
                instance,
                Optional.of("us-east-1"),
                Optional.of(ACCOUNT),
                Optional.of(NOW.minus(Duration.ofHours(5))));
    }

    private PruneSummary prune(List<Ec2Node> nodes, PruneRequest request) {
        NodeSearch search = (query, each) -> nodes.forEach(each);
        return new PruneNodes(
                        search, sts, region -> ec2, cleaner, new RecordingReporter(), Clock.fixed(NOW, ZoneOffset.UTC))
                .run(request);
    }

    private static PruneRequest request() {
        return new PruneRequest(Optional.empty(), Duration.ofHours(2), 0.5, false, OptionalInt.empty(), false, false);
    }

    @Test
    void ec2IsAskedInBatchesOfAtMost200IdsAndAnUnknownIdDoesNotFailItsBatch() {
        List<Ec2Node> nodes = new ArrayList<>();
        for (int n = 1; n <= 450; n++) {
            nodes.add(quiet(id(n)));
            if (n != 7) {
                ec2.instance(id(n), "running");
            }
        }
        PruneSummary summary = prune(nodes, request());
        assertEquals(
                List.of(200, 200, 50), ec2.askedAbout().stream().map(List::size).toList());
        assertEquals(List.of(id(7)), cleaned, "the one id EC2 does not know is gone");
        assertEquals(449, summary.count(Verdict.RUNNING));
    }

    @Test
    void aGoneShareOfExactlyTheLimitIsStillPruned() {
        ec2.instance(id(1), "running");
        ec2.instance(id(2), "terminated");
        PruneSummary summary = prune(List.of(quiet(id(1)), quiet(id(2))), request());
        assertEquals(List.of(id(2)), cleaned);
        assertEquals(0, summary.exitCode());
    }

    @Test
    void noCheckInRecordedCountsAsQuiet() {
        Ec2Node never = new Ec2Node(id(3), id(3), Optional.of("us-east-1"), Optional.of(ACCOUNT), Optional.empty());
        ec2.instance(id(4), "running");
        prune(List.of(never, quiet(id(4))), request());
        assertEquals(List.of(id(3)), cleaned);
    }

    @Test
    void aRefusedCleanupLeavesTheRunPartial() {
        ec2.instance(id(5), "running");
        NodeCleaner refusing = target -> new CleanupResult(
                target, Optional.of(target), CleanupResult.Verdict.REFUSED, Outcome.SKIPPED, Outcome.SKIPPED, "no");
        NodeSearch search = (query, each) -> List.of(quiet(id(5)), quiet(id(6))).forEach(each);
        PruneSummary summary = new PruneNodes(
                        search, sts, region -> ec2, refusing, new RecordingReporter(), Clock.fixed(NOW, ZoneOffset.UTC))
                .run(request());
        assertEquals(1, summary.count(Verdict.REFUSED));
        assertEquals(3, summary.exitCode());
    }

    @Test
    void everyRegionFailingIsExitOne() {
        ec2.failOn("describeInstances", FakeEc2.error(503, "Unavailable", "down"));
        PruneSummary summary = prune(List.of(quiet(id(8))), request());
        assertEquals(1, summary.exitCode());
        assertEquals(List.of(), cleaned);
    }

    /** docs/iam/prune-nodes.json grants every AWS call a run makes (GetCallerIdentity needs no permission). */
    @Test
    void thePublishedPolicyGrantsExactlyTheCallsOfARun() throws Exception {
        ec2.instance(id(9), "running");
        prune(List.of(quiet(id(9)), quiet(id(10))), request());
        Set<String> called = new TreeSet<>();
        ec2.operations().forEach(name -> called.add("ec2:" + action(name)));
        Set<String> granted = new TreeSet<>();
        JsonNode policy =
                new ObjectMapper().readTree(Path.of("docs/iam/prune-nodes.json").toFile());
        for (JsonNode statement : policy.path("Statement")) {
            JsonNode action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(a -> granted.add(a.asText()));
            } else {
                granted.add(action.asText());
            }
        }
        assertEquals(granted, called);
        assertEquals(List.of("getCallerIdentity"), sts.operations());
    }

    private static String action(String method) {
        String name = method.replaceFirst("Paginator$", "");
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    @Test
    void aNodeOfAnotherAccountIsNeverAskedAbout() {
        Ec2Node elsewhere =
                new Ec2Node(id(11), id(11), Optional.of("us-east-1"), Optional.of("210987654321"), Optional.empty());
        PruneSummary summary = prune(List.of(elsewhere), request());
        assertEquals(List.of(), ec2.askedAbout());
        assertEquals(1, summary.count(Verdict.OTHER_ACCOUNT));
        assertTrue(summary.verdicts().get(0).reason().contains("210987654321"));
    }
}
