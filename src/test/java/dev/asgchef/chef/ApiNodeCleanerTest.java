package dev.asgchef.chef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.chef.CleanupResult.Verdict;
import dev.asgchef.report.Outcome;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.FakeChefServer;
import dev.asgchef.testing.RecordingReporter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiNodeCleanerTest {
    private static final String I = "i-0abc1234def567890";
    private static final String OTHER = "i-0fff0000aaaa11112";
    private static final Clock CLOCK = Clock.fixed(CliHarness.NOW, ZoneOffset.UTC);

    @TempDir
    Path directory;

    private final FakeChefServer chef = FakeChefServer.start();
    private final RecordingReporter reporter = new RecordingReporter();

    @AfterEach
    void stop() {
        chef.close();
    }

    private ApiNodeCleaner cleaner(Lookup lookup) {
        return cleaner(lookup, Optional.empty(), false);
    }

    private ApiNodeCleaner cleaner(Lookup lookup, Optional<Path> backups, boolean dryRun) {
        RequestSigner signer = new RequestSigner(
                "alice", ChefKeys.parse(FakeChefServer.privateKeyPem("alice"), "alice"), AuthProtocol.V1_1, CLOCK);
        ChefServer server = new ChefServer(
                chef.organizationUrl(),
                signer,
                HttpClient.newHttpClient(),
                new ChefServer.Limits(Duration.ofSeconds(5), 0),
                d -> {});
        return new ApiNodeCleaner(server, lookup, backups, CLOCK, dryRun, reporter);
    }

    private List<String> calls() {
        return chef.requests().stream()
                .map(r -> r.method() + " " + r.path().replace("/organizations/acme/", ""))
                .toList();
    }

    @Test
    void byNameItChecksBothObjectsThenDeletesTheClientBeforeTheNode() {
        chef.putNode(I, I);
        chef.putClient(I);

        CleanupResult result = cleaner(Lookup.NAME).clean(I);

        assertEquals(
                new CleanupResult(I, Optional.of(I), Verdict.CLEANED, Outcome.SUCCESS, Outcome.SUCCESS, ""), result);
        assertEquals(
                List.of("GET nodes/" + I, "GET clients/" + I, "DELETE clients/" + I, "DELETE nodes/" + I), calls());
        assertEquals(
                List.of("Deleting Chef Client " + I + ": Success", "Deleting Chef Node " + I + ": Success"),
                reporter.lines());
    }

    @Test
    void autoFallsBackToSearchForANodeNamedByHostname() {
        chef.putNode("web-1", I);
        chef.putClient("web-1");

        CleanupResult result = cleaner(Lookup.AUTO).clean(I);

        assertEquals(Verdict.CLEANED, result.verdict());
        assertEquals(Optional.of("web-1"), result.nodeName());
        assertEquals("GET nodes/" + I, calls().get(0));
        assertEquals("POST search/node", calls().get(1));
        assertFalse(chef.hasNode("web-1"));
        assertFalse(chef.hasClient("web-1"));
        assertEquals(
                "Deleting Chef Client web-1 (" + I + "): Success",
                reporter.lines().get(0));
    }

    @Test
    void searchNeverTriesTheInstanceIdAsAName() {
        chef.putNode("web-1", I);

        cleaner(Lookup.SEARCH).clean(I);

        assertEquals("POST search/node", calls().get(0));
        assertTrue(calls().stream().noneMatch(c -> c.contains("nodes/" + I)), calls().toString());
    }

    @Test
    void nameNeverSearches() {
        chef.putNode("web-1", I);

        CleanupResult result = cleaner(Lookup.NAME).clean(I);

        assertEquals(Verdict.ALREADY_ABSENT, result.verdict());
        assertTrue(chef.hasNode("web-1"));
        assertTrue(calls().stream().noneMatch(c -> c.contains("search")), calls().toString());
    }

    @Test
    void refusesWhenASearchMatchesSeveralNodes() {
        chef.putNode("web-1", I);
        chef.putNode("web-1-old", I);
        chef.putClient("web-1");

        CleanupResult result = cleaner(Lookup.SEARCH).clean(I);

        assertEquals(Verdict.REFUSED, result.verdict());
        assertTrue(
                result.reason().startsWith("2 nodes record ec2.instance_id " + I + " (web-1, web-1-old)"),
                result.reason());
        assertTrue(chef.hasNode("web-1") && chef.hasNode("web-1-old") && chef.hasClient("web-1"));
        assertTrue(calls().stream().noneMatch(c -> c.startsWith("DELETE")), calls().toString());
        assertEquals(
                "Deleting Chef Client " + I + ": Refused (" + result.reason() + ")",
                reporter.lines().get(0));
    }

    @Test
    void refusesToDeleteANodeThatRecordsAnotherInstance() {
        chef.putNode(I, OTHER);
        chef.putClient(I);

        CleanupResult result = cleaner(Lookup.AUTO).clean(I);

        assertEquals(Verdict.REFUSED, result.verdict());
        assertEquals(
                "node " + I + " records ec2.instance_id " + OTHER + ", not " + I
                        + ": it belongs to another instance; nothing was deleted",
                result.reason());
        assertTrue(chef.hasNode(I) && chef.hasClient(I));
        assertTrue(calls().stream().noneMatch(c -> c.startsWith("DELETE")), calls().toString());
    }

    @Test
    void aNodeWithoutEc2DataNamedAfterTheInstanceIsDeleted() {
        chef.putNode(I, null);

        assertEquals(Verdict.CLEANED, cleaner(Lookup.NAME).clean(I).verdict());
        assertFalse(chef.hasNode(I));
    }

    @Test
    void neitherObjectExistingIsAlreadyAbsentAndSendsNoDelete() {
        CleanupResult result = cleaner(Lookup.AUTO).clean(I);

        assertEquals(Verdict.ALREADY_ABSENT, result.verdict());
        assertTrue(result.done());
        assertTrue(calls().stream().noneMatch(c -> c.startsWith("DELETE")), calls().toString());
        assertEquals(
                List.of(
                        "Deleting Chef Client " + I + ": Already absent",
                        "Deleting Chef Node " + I + ": Already absent"),
                reporter.lines());
    }

    @Test
    void aSearchThatFindsNothingSaysThereIsNoClientNameToDelete() {
        CleanupResult result = cleaner(Lookup.SEARCH).clean(I);

        assertEquals(Verdict.ALREADY_ABSENT, result.verdict());
        assertEquals(Outcome.SKIPPED, result.client());
        assertEquals(
                "Deleting Chef Node " + I + ": Already absent (no node records ec2.instance_id " + I + ")",
                reporter.lines().get(1));
    }

    @Test
    void autoStillDeletesAClientLeftBehindByItsNode() {
        chef.putClient(I);

        CleanupResult result = cleaner(Lookup.AUTO).clean(I);

        assertEquals(Verdict.CLEANED, result.verdict());
        assertEquals(Outcome.SUCCESS, result.client());
        assertEquals(Outcome.ALREADY_ABSENT, result.node());
        assertFalse(chef.hasClient(I));
    }

    @Test
    void aFailedClientDeleteLeavesTheNodeForARetry() {
        chef.putNode(I, I);
        chef.putClient(I);
        chef.failNext("/organizations/acme/clients/" + I, 403, 2);

        CleanupResult first = cleaner(Lookup.NAME).clean(I);

        assertEquals(Verdict.FAILED, first.verdict());
        assertEquals(Outcome.FAILED, first.client());
        assertEquals(Outcome.SKIPPED, first.node());
        assertTrue(chef.hasNode(I) && chef.hasClient(I));
        assertTrue(
                reporter.lines().get(1).startsWith("Deleting Chef Node " + I + ": Skipped (left for a retry"),
                reporter.lines().toString());
    }

    @Test
    void aReRunAfterAFailedNodeDeleteFinishesTheJob() {
        chef.putNode(I, I);
        chef.putClient(I);
        chef.failNext("DELETE", "/organizations/acme/nodes/" + I, 500, 1);
        CleanupResult first = cleaner(Lookup.NAME).clean(I);
        assertEquals(Verdict.FAILED, first.verdict());

        CleanupResult second = cleaner(Lookup.NAME).clean(I);

        assertEquals(Verdict.CLEANED, second.verdict());
        assertEquals(Outcome.ALREADY_ABSENT, second.client());
        assertEquals(Outcome.SUCCESS, second.node());
        assertFalse(chef.hasNode(I));
    }

    @Test
    void aNodeDeleteThatFailsAfterTheClientIsGoneIsAFailure() {
        chef.putNode(I, I);
        chef.putClient(I);
        chef.failNext("DELETE", "/organizations/acme/nodes/" + I, 503, 1);

        CleanupResult result = cleaner(Lookup.NAME).clean(I);

        assertEquals(Verdict.FAILED, result.verdict());
        assertEquals(Outcome.SUCCESS, result.client());
        assertEquals(Outcome.FAILED, result.node());
        assertTrue(result.reason().contains("HTTP 503"), result.reason());
    }

    @Test
    void neverDeletesAValidatorClient() {
        chef.putClient("acme-validator", true);

        CleanupResult result = cleaner(Lookup.NAME).clean("acme-validator");

        assertEquals(Verdict.REFUSED, result.verdict());
        assertTrue(result.reason().contains("is a validator"), result.reason());
        assertTrue(chef.hasClient("acme-validator"));
    }

    @Test
    void aNodeNameIsUsedAsItIsWithoutSearch() {
        chef.putNode("web-1", I);
        chef.putClient("web-1");

        CleanupResult result = cleaner(Lookup.SEARCH).clean("web-1");

        assertEquals(Verdict.CLEANED, result.verdict());
        assertEquals(
                List.of("GET nodes/web-1", "GET clients/web-1", "DELETE clients/web-1", "DELETE nodes/web-1"), calls());
    }

    @Test
    void savesNodeAndClientJsonBeforeDeletingThem() throws IOException {
        chef.putNode("web-1", I);
        chef.putClient("web-1");
        Path backups = directory.resolve("backups");

        cleaner(Lookup.AUTO, Optional.of(backups), false).clean(I);

        Path node = backups.resolve("nodes/web-1.json");
        Path client = backups.resolve("clients/web-1.json");
        ObjectMapper json = new ObjectMapper();
        assertEquals(
                I,
                json.readTree(node.toFile())
                        .path("automatic")
                        .path("ec2")
                        .path("instance_id")
                        .asText());
        assertEquals("web-1", json.readTree(client.toFile()).path("clientname").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(node)));
        assertEquals(
                "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backups.resolve("nodes"))));
    }

    @Test
    void anEarlierBackupOfTheSameNameIsKept() throws IOException {
        Path backups = directory.resolve("backups");
        Files.createDirectories(backups.resolve("nodes"));
        Files.writeString(backups.resolve("nodes/web-1.json"), "{\"earlier\":true}");
        chef.putNode("web-1", null);

        cleaner(Lookup.NAME, Optional.of(backups), false).clean("web-1");

        assertEquals("{\"earlier\":true}", Files.readString(backups.resolve("nodes/web-1.json")));
        assertTrue(Files.exists(backups.resolve("nodes/web-1.20250301T120000Z.json")));
    }

    @Test
    void aBackupThatCannotBeWrittenDeletesNothing() throws IOException {
        chef.putNode("web-1", null);
        chef.putClient("web-1");
        Path notADirectory = Files.writeString(directory.resolve("file"), "x");

        CleanupResult result =
                cleaner(Lookup.NAME, Optional.of(notADirectory), false).clean("web-1");

        assertEquals(Verdict.FAILED, result.verdict());
        assertTrue(result.reason().startsWith("cannot save the backup of client web-1"), result.reason());
        assertTrue(chef.hasNode("web-1") && chef.hasClient("web-1"));
    }

    @Test
    void aDryRunLooksButDeletesNothing() {
        chef.putNode("web-1", I);
        chef.putClient("web-1");

        CleanupResult result =
                cleaner(Lookup.AUTO, Optional.of(directory.resolve("b")), true).clean(I);

        assertEquals(Verdict.WOULD_CLEAN, result.verdict());
        assertTrue(calls().stream().noneMatch(c -> c.startsWith("DELETE")), calls().toString());
        assertEquals(
                "Would delete Chef Client web-1 (" + I + "): after saving it to "
                        + directory.resolve("b/clients/web-1.json"),
                reporter.lines().get(0));
        assertFalse(Files.exists(directory.resolve("b")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a/b", "../clients/x", "web 1", "n\u00f6de", "web%2F1", "", "a?b", "a#b"})
    void refusesHostileNodeNamesWithoutSendingAnything(String name) {
        CleanupResult result = cleaner(Lookup.AUTO).clean(name);

        assertEquals(Verdict.REFUSED, result.verdict());
        assertEquals(List.of(), chef.requests());
    }

    @Test
    void oneCleanerServesManyWorkersAtOnce() throws Exception {
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String id = String.format("i-%017x", 0xabc000L + i);
            chef.putNode(id, id);
            chef.putClient(id);
            instances.add(id);
        }
        ApiNodeCleaner cleaner = cleaner(Lookup.AUTO);
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            List<Future<CleanupResult>> results = new ArrayList<>();
            instances.forEach(id -> results.add(workers.submit(() -> cleaner.clean(id))));
            for (Future<CleanupResult> result : results) {
                assertEquals(Verdict.CLEANED, result.get().verdict());
            }
        } finally {
            workers.shutdownNow();
        }
        assertTrue(instances.stream().noneMatch(id -> chef.hasNode(id) || chef.hasClient(id)));
        assertEquals(48, reporter.lines().size());
    }

    @Test
    void aLookupThatFailsReportsTheReasonAndLeavesEverything() {
        chef.putNode(I, I);
        chef.failNext("/organizations/acme/nodes/", 500, 1);

        CleanupResult result = cleaner(Lookup.NAME).clean(I);

        assertEquals(Verdict.FAILED, result.verdict());
        assertTrue(
                reporter.lines()
                        .get(0)
                        .startsWith("Deleting Chef Client " + I + ": Failed (the Chef server" + " failed GET nodes/" + I
                                + " (HTTP 500: internal service error)"),
                reporter.lines().get(0));
        assertEquals(
                "Deleting Chef Node " + I + ": Skipped (left for a retry)",
                reporter.lines().get(1));
        assertTrue(chef.hasNode(I));
    }
}
