package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asgchef.Json;
import dev.asgchef.aws.AwsClients;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.FakeAwsCloud;
import dev.asgchef.testing.FakeChefServer;
import dev.asgchef.testing.FakeEc2;
import dev.asgchef.testing.FakeSts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * prune-nodes end to end through {@code Cli.run}: the in-process Chef server (signatures verified, partial search
 * paginated), and EC2 in two regions and STS behind their wire protocols. The lock test holds STS in process instead,
 * to keep one run busy at a known point.
 */
class PruneNodesCommandTest {
    private static final String ACCOUNT = FakeAwsCloud.ACCOUNT;
    private static final String OTHER_ACCOUNT = "210987654321";
    private static final Instant NOW = CliHarness.NOW;
    private static final Instant HOURS_AGO = NOW.minus(Duration.ofHours(3));

    private static final String RUNNING = "i-0aaaaaaaaaaaaaa01";
    private static final String STOPPED = "i-0aaaaaaaaaaaaaa02";
    private static final String TERMINATED = "i-0aaaaaaaaaaaaaa03";
    private static final String UNKNOWN = "i-0aaaaaaaaaaaaaa04";
    private static final String RECENT = "i-0aaaaaaaaaaaaaa05";
    private static final String BY_HOSTNAME = "i-0aaaaaaaaaaaaaa06";
    private static final String HOSTNAME = "ip-10-0-1-17";
    private static final String ELSEWHERE = "i-0bbbbbbbbbbbbbb01";
    private static final List<String> ALSO_RUNNING =
            List.of("i-0cccccccccccccc01", "i-0cccccccccccccc02", "i-0cccccccccccccc03");
    private static final String NO_EC2 = "workstation-1";

    @TempDir
    Path dir;

    private FakeChefServer chef;
    private FakeAwsCloud cloud;
    private FakeSts heldSts;

    @BeforeEach
    void start() throws IOException {
        chef = FakeChefServer.start();
        chef.writeKnifeConfig(dir);
        cloud = new FakeAwsCloud();
    }

    @AfterEach
    void stop() {
        cloud.close();
        chef.close();
    }

    /** A node and its client, in us-east-1, recorded by a recent Ohai (with the account). */
    private void node(String name, String instance, String account, Instant lastRun) {
        chef.putEc2Node(name, instance, "us-east-1a", account, lastRun);
        chef.putClient(name);
    }

    /** The fleet of the issue: running, stopped, terminated and unknown instances, and the nodes to keep. */
    private void fleet() {
        node(RUNNING, RUNNING, ACCOUNT, NOW.minus(Duration.ofMinutes(20)));
        cloud.ec2("us-east-1").instance(RUNNING, "running");
        for (String id : ALSO_RUNNING) {
            node(id, id, ACCOUNT, NOW.minus(Duration.ofMinutes(5)));
            cloud.ec2("us-east-1").instance(id, "running");
        }
        node(STOPPED, STOPPED, ACCOUNT, HOURS_AGO);
        cloud.ec2("us-east-1").instance(STOPPED, "stopped");
        node(TERMINATED, TERMINATED, ACCOUNT, HOURS_AGO);
        cloud.ec2("us-east-1").instance(TERMINATED, "terminated");
        node(UNKNOWN, UNKNOWN, null, HOURS_AGO); // older Ohai: no account recorded
        node(RECENT, RECENT, ACCOUNT, NOW.minus(Duration.ofMinutes(10)));
        cloud.ec2("us-east-1").instance(RECENT, "terminated");
        node(HOSTNAME, BY_HOSTNAME, ACCOUNT, HOURS_AGO);
        cloud.ec2("us-east-1").instance(BY_HOSTNAME, "shutting-down");
        node(ELSEWHERE, ELSEWHERE, OTHER_ACCOUNT, HOURS_AGO); // EC2 of these credentials cannot know it
        chef.putNode(NO_EC2, null);
        chef.putClient(NO_EC2);
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "prune-nodes",
                "--region",
                "us-east-1",
                "--endpoint-url",
                cloud.endpoint().toString(),
                "--lock-file",
                dir.resolve("prune.lock").toString()));
        all.addAll(List.of(args));
        CliHarness harness = new CliHarness(dir);
        if (heldSts != null) {
            harness.aws(settings -> new AwsClients(settings).supply(StsClient.class, heldSts));
        }
        return harness.run(all.toArray(String[]::new));
    }

    private boolean kept(String name) {
        return chef.hasNode(name) && chef.hasClient(name);
    }

    private boolean deleted(String name) {
        return !chef.hasNode(name) && !chef.hasClient(name);
    }

    @Test
    void deletesExactlyTheNodesWhoseInstanceIsGoneAndThatStoppedCheckingIn() {
        fleet();
        CliRun run = run();
        run.assertExit(0);
        assertTrue(deleted(TERMINATED), run.out());
        assertTrue(deleted(UNKNOWN), "an instance EC2 reports nothing for is gone");
        assertTrue(deleted(HOSTNAME), "a node named by hostname is found by its instance id");
        for (String name : List.of(RUNNING, STOPPED, RECENT, ELSEWHERE, NO_EC2)) {
            assertTrue(kept(name), name + " must be kept:\n" + run.out());
        }
        ALSO_RUNNING.forEach(name -> assertTrue(kept(name), name));
        String[] lines = run.outLines();
        assertEquals(
                "Pruned 3 of 10 EC2 nodes: 3 deleted, 4 running, 1 stopped, 1 checked in too recently,"
                        + " 1 in another account",
                lines[lines.length - 1]);
        assertTrue(run.out().contains("Deleting Chef Node " + TERMINATED + ": Success"), run.out());
        assertTrue(run.out().contains("Deleting Chef Node " + HOSTNAME + " (" + BY_HOSTNAME + "): Success"), run.out());
        assertTrue(run.out().contains("Checking EC2 instances in us-east-1 (9): Success"), run.out());
    }

    @Test
    void asksEc2WithTheInstanceIdFilterNeverWithInstanceIds() {
        fleet();
        run().assertExit(0);
        List<FakeAwsCloud.Request> describes = cloud.requests().stream()
                .filter(r -> r.action().equals("DescribeInstances"))
                .toList();
        assertEquals(1, describes.size(), "ten ids are one batch");
        Map<String, String> parameters = describes.get(0).parameters();
        assertEquals("instance-id", parameters.get("Filter.1.Name"));
        assertFalse(parameters.keySet().stream().anyMatch(k -> k.startsWith("InstanceId")), parameters.toString());
        assertEquals("us-east-1", describes.get(0).region());
        assertEquals(List.of("getCallerIdentity"), cloud.sts().operations(), "the account comes from STS");
    }

    @Test
    void requireAccountAlsoKeepsNodesThatRecordNone() {
        fleet();
        CliRun run = run("--require-account");
        run.assertExit(0);
        assertTrue(kept(UNKNOWN), run.out());
        assertTrue(deleted(TERMINATED), run.out());
        assertTrue(run.out().contains("1 without a recorded account"), run.out());
    }

    @Test
    void aRegionWhoseEc2CallFailsIsKeptAndTheRunIsPartial() {
        fleet();
        String ireland = "i-0ddddddddddddddd1";
        chef.putEc2Node("eu-node", ireland, "eu-west-1b", ACCOUNT, HOURS_AGO);
        chef.putClient("eu-node");
        cloud.ec2("eu-west-1")
                .failOn("describeInstances", FakeEc2.error(503, "Unavailable", "The service is unavailable"));
        CliRun run = run();
        run.assertExit(3);
        assertTrue(kept("eu-node"), "a failed region is never taken as gone");
        assertTrue(deleted(TERMINATED), "the other region is pruned");
        assertTrue(run.out().contains("Checking EC2 instances in eu-west-1 (1): Failed ("), run.out());
        assertTrue(run.out().contains("1 in a region EC2 could not answer for"), run.out());
    }

    @Test
    void aFailedStepAndTheSummaryAreOnStdout() {
        fleet();
        chef.putEc2Node("eu-node", "i-0ddddddddddddddd1", "eu-west-1b", ACCOUNT, HOURS_AGO);
        cloud.ec2("eu-west-1")
                .failOn("describeInstances", FakeEc2.error(503, "Unavailable", "The service is unavailable"));

        run().assertExit(3)
                .assertRecordOnStdout("Checking EC2 instances in eu-west-1 (1): Failed (")
                .assertRecordOnStdout("1 in a region EC2 could not answer for");
    }

    @Test
    void whenTooMuchOfARegionLooksGoneNothingThereIsDeletedUnlessForced() {
        for (int i = 1; i <= 3; i++) {
            String id = "i-0eeeeeeeeeeeeee0" + i;
            node(id, id, ACCOUNT, HOURS_AGO);
        }
        String alive = "i-0eeeeeeeeeeeeee09";
        node(alive, alive, ACCOUNT, NOW);
        cloud.ec2("us-east-1").instance(alive, "running");

        CliRun guarded = run();
        guarded.assertExit(3);
        assertEquals(List.of(), chef.requests("DELETE", "/"), guarded.out());
        assertTrue(
                guarded.err()
                        .contains("Not pruning us-east-1: 3 of 4 EC2 nodes in us-east-1 look gone (75%), more"
                                + " than --max-gone-fraction 0.5"),
                guarded.err());
        assertTrue(guarded.out().contains("3 held back by the gone-fraction guard"), guarded.out());

        CliRun forced = run("--force");
        forced.assertExit(0);
        assertTrue(deleted("i-0eeeeeeeeeeeeee01") && deleted("i-0eeeeeeeeeeeeee03"), forced.out());
        assertTrue(kept(alive));
    }

    @Test
    void maxDeletionsCapsTheRunAndLeavesTheRestForTheNext() {
        fleet();
        CliRun run = run("--max-deletions", "1");
        run.assertExit(0);
        long gone = List.of(TERMINATED, UNKNOWN, HOSTNAME).stream()
                .filter(this::deleted)
                .count();
        assertEquals(1, gone, run.out());
        assertTrue(run.out().contains("1 deleted") && run.out().contains("2 over --max-deletions"), run.out());
    }

    @Test
    void aDryRunPrintsEveryNodesVerdictAndChangesNothing() {
        fleet();
        CliRun run = run("--dry-run");
        run.assertExit(0);
        assertEquals(List.of(), chef.requests("DELETE", "/"));
        assertTrue(kept(TERMINATED) && kept(HOSTNAME) && kept(UNKNOWN));
        assertTrue(run.out().contains("Would delete Chef Node " + TERMINATED), run.out());
        assertTrue(
                run.out().contains("Deleting Chef Node " + RUNNING + ": Skipped (EC2 reports it running)"), run.out());
        assertTrue(
                run.out()
                        .contains("Deleting Chef Node " + RECENT + ": Skipped (EC2 reports it terminated, but the"
                                + " node checked in 10m ago (--min-age 2h))"),
                run.out());
        assertTrue(
                run.out()
                        .contains("Deleting Chef Node " + ELSEWHERE + ": Skipped (records account " + OTHER_ACCOUNT
                                + ", these credentials are account " + ACCOUNT + ")"),
                run.out());
        String[] lines = run.outLines();
        assertEquals(
                "Dry run: would prune 3 of 10 EC2 nodes: 3 would be deleted, 4 running, 1 stopped, 1 checked in too"
                        + " recently, 1 in another account; nothing was deleted",
                lines[lines.length - 1]);
    }

    @Test
    void jsonOutputCarriesEveryNodesVerdict() throws IOException {
        fleet();
        CliRun run = run("--output", "json");
        run.assertExit(0);
        JsonNode prune = Json.mapper().readTree(run.out()).path("result").path("prune");
        Map<String, String> verdicts = new TreeMap<>();
        prune.path("nodes")
                .forEach(n ->
                        verdicts.put(n.path("name").asText(), n.path("verdict").asText()));
        Map<String, String> expected = new TreeMap<>(Map.of(
                RUNNING, "running",
                STOPPED, "stopped",
                TERMINATED, "deleted",
                UNKNOWN, "deleted",
                RECENT, "recent",
                HOSTNAME, "deleted",
                ELSEWHERE, "other_account"));
        ALSO_RUNNING.forEach(id -> expected.put(id, "running"));
        assertEquals(expected, verdicts);
        assertEquals(3, prune.path("counts").path("deleted").asInt());
    }

    @Test
    void queryNarrowsTheNodesLookedAt() {
        fleet();
        chef.setEnvironment(TERMINATED, "staging");
        chef.setEnvironment(RUNNING, "staging");
        CliRun run = run("--query", "chef_environment:staging");
        run.assertExit(0);
        assertTrue(deleted(TERMINATED), run.out());
        assertTrue(kept(UNKNOWN) && kept(HOSTNAME), "nodes outside the query are not looked at");
        assertTrue(run.out().contains("Pruned 1 of 2 EC2 nodes: 1 deleted, 1 running"), run.out());
    }

    @Test
    void aSecondRunWhileTheFirstHoldsTheLockLeavesTheNodesToItAndSucceeds() throws Exception {
        fleet();
        heldSts = new FakeSts(ACCOUNT).holdCalls();
        CompletableFuture<CliRun> first = CompletableFuture.supplyAsync(this::run);
        assertTrue(heldSts.awaitCall(), "the first run reached STS");
        int requestsBefore = chef.requests().size();

        CliRun second = run();
        second.assertExit(0);
        assertTrue(second.out().contains("Another prune-nodes run is working (pid "), second.out());
        assertEquals(requestsBefore, chef.requests().size(), "the second run sent Chef nothing");

        heldSts.open();
        CliRun done = first.get(60, TimeUnit.SECONDS);
        done.assertExit(0);
        assertTrue(deleted(TERMINATED), done.out());
        assertEquals(1, heldSts.count("getCallerIdentity"), "only the first run asked STS");
    }

    @Test
    void knifeIsRefusedBecauseThePruneMustSearch() {
        CliRun run = run("--knife");
        run.assertExit(2);
        assertTrue(run.err().contains("prune-nodes needs asgchef's own Chef client"), run.err());
    }
}
