package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.FakeChefServer;
import dev.asgchef.testing.FakeKnife;
import dev.asgchef.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** cleanup-node end to end: the CLI as a shell runs it, against an in-process Chef server that checks signatures. */
class CleanupNodeCommandTest {
    private static final String I = "i-0abc1234def567890";
    private static final String J = "i-0def5678abc123456";

    @TempDir
    Path directory;

    private FakeChefServer chef;
    private Path config;

    @BeforeEach
    void startChef() {
        chef = FakeChefServer.start();
        config = chef.writeKnifeConfig(directory);
    }

    @AfterEach
    void stopChef() {
        chef.close();
    }

    private CliRun run(String... args) {
        return new CliHarness(directory).run(args);
    }

    private long deletes() {
        return chef.requests().stream().filter(r -> r.method().equals("DELETE")).count();
    }

    @Test
    void deletesTheClientThenTheNodeOfAnInstanceNamedAfterIt() {
        chef.putNode(I, I);
        chef.putClient(I);

        CliRun run = run("cleanup-node", I);

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("Deleting Chef Client " + I + ": Success\nDeleting Chef Node " + I + ": Success\n", run.out());
        assertEquals("", run.err());
        assertFalse(chef.hasNode(I));
        assertFalse(chef.hasClient(I));
        List<FakeChefServer.Request> deletes = chef.requests().stream()
                .filter(r -> r.method().equals("DELETE"))
                .toList();
        assertEquals("/organizations/acme/clients/" + I, deletes.get(0).path());
        assertEquals("/organizations/acme/nodes/" + I, deletes.get(1).path());
    }

    @Test
    void findsANodeNamedByHostnameBySearchOnTheInstanceId() {
        chef.putNode("web-1", I);
        chef.putClient("web-1");

        CliRun run = run("cleanup-node", I, "--lookup", "search");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                "Deleting Chef Client web-1 (" + I + "): Success\nDeleting Chef Node web-1 (" + I + "): Success\n",
                run.out());
        assertFalse(chef.hasNode("web-1"));
        assertEquals(1, chef.requests("POST", "/organizations/acme/search/node").size());
    }

    @Test
    void theDefaultLookupTriesTheNameThenSearches() {
        chef.putNode("web-1", I);

        CliRun run = run("cleanup-node", I);

        assertEquals(0, run.exitCode(), run.err());
        assertFalse(chef.hasNode("web-1"));
    }

    @Test
    void refusesANodeThatRecordsAnotherInstanceAndExits1() {
        chef.putNode(I, J);
        chef.putClient(I);

        CliRun run = run("cleanup-node", I);

        assertEquals(1, run.exitCode());
        assertTrue(
                run.out()
                        .startsWith("Deleting Chef Client " + I + ": Refused (node " + I + " records ec2.instance_id "
                                + J + ", not " + I),
                run.out());
        assertTrue(chef.hasNode(I) && chef.hasClient(I));
        assertEquals(0, deletes());
    }

    @Test
    void refusesWhenSeveralNodesMatchTheInstance() {
        chef.putNode("web-1", I);
        chef.putNode("web-2", I);

        CliRun run = run("cleanup-node", I, "--lookup", "search");

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("Refused (2 nodes record ec2.instance_id " + I + " (web-1, web-2)"), run.out());
        assertTrue(chef.hasNode("web-1") && chef.hasNode("web-2"));
    }

    @Test
    void aSecondRunFindsEverythingAlreadyAbsentAndSucceeds() {
        chef.putNode(I, I);
        chef.putClient(I);
        assertEquals(0, run("cleanup-node", I).exitCode());

        CliRun again = run("cleanup-node", I);

        assertEquals(0, again.exitCode(), again.err());
        assertEquals(
                "Deleting Chef Client " + I + ": Already absent\nDeleting Chef Node " + I + ": Already absent\n",
                again.out());
    }

    @Test
    void aKeyTheServerDoesNotKnowGetsTheClockAndKeyHint() throws IOException {
        Files.writeString(directory.resolve(".chef/alice.pem"), FakeChefServer.privateKeyPem("bob"));
        chef.putNode(I, I);

        CliRun run = run("cleanup-node", I);

        assertEquals(1, run.exitCode());
        assertTrue(
                run.out()
                        .contains(
                                "Failed (the Chef server did not accept the signature of 'alice' (HTTP 401:"
                                        + " Invalid signature for user or client 'alice'): check that this host's clock is right"),
                run.out());
        assertTrue(chef.hasNode(I));
    }

    @Test
    void aClockSixteenMinutesOffIs401WithTheClockHint() {
        chef.putNode(I, I);

        CliRun run = new CliHarness(directory)
                .clock(java.time.Clock.fixed(CliHarness.NOW.plusSeconds(960), java.time.ZoneOffset.UTC))
                .run("cleanup-node", I);

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("Synchronize the clock on your host"), run.out());
    }

    @Test
    void aMissingPermissionIs403NamingWhatToGrant() {
        chef.putNode(I, I);
        chef.putClient(I);
        chef.failNext("DELETE", "/organizations/acme/clients/", 403, 1);

        CliRun run = run("cleanup-node", I);

        assertEquals(1, run.exitCode());
        assertTrue(
                run.out()
                        .contains("Deleting Chef Client " + I + ": Failed ('alice' may not DELETE clients/" + I
                                + " (HTTP 403: missing delete permission)"),
                run.out());
        assertTrue(run.out().contains("Deleting Chef Node " + I + ": Skipped"), run.out());
        assertTrue(chef.hasNode(I));
    }

    @Test
    void aFailedStepStaysOnStdoutWhenQuiet() {
        chef.putNode(I, I);
        chef.putClient(I);
        chef.failNext("DELETE", "/organizations/acme/clients/", 403, 1);

        run("cleanup-node", "--quiet", I)
                .assertExit(1)
                .assertRecordOnStdout("Deleting Chef Client " + I + ": Failed (");
    }

    @Test
    void serverErrorsAreRetriedAsFarAsAllowedThenReported() {
        chef.putNode(I, I);
        chef.failNext("GET", "/organizations/acme/nodes/", 502, 10);

        CliRun run = run("cleanup-node", I, "--chef-retries", "1");

        assertEquals(1, run.exitCode());
        assertEquals(2, chef.requests("GET", "/organizations/acme/nodes/").size());
        assertTrue(run.out().contains("(HTTP 502: Bad Gateway) after 2 attempts"), run.out());
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() {
        chef.putNode(I, I);
        chef.hangNext("/organizations/acme/nodes/", 1);

        CliRun run = run("cleanup-node", I, "--chef-timeout", "200ms", "--chef-retries", "0");

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("did not answer within 200ms"), run.out());
        assertTrue(chef.hasNode(I));
    }

    @Test
    void aMissingKeyIsOneLineAndNoRequest() throws IOException {
        Files.delete(directory.resolve(".chef/alice.pem"));

        CliRun run = run("cleanup-node", I);

        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertEquals(
                "asgchef cleanup-node: Chef key " + directory.resolve(".chef/alice.pem") + " (client_key in " + config
                        + " line 7) does not exist: fix the path, or reset the key with 'knife user key' / 'knife client"
                        + " key' and save it there\n",
                run.err());
        assertEquals(List.of(), chef.requests());
    }

    @Test
    void aKeyThatIsNotPemIsOneLine() throws IOException {
        Files.writeString(directory.resolve(".chef/alice.pem"), "not a key");

        CliRun run = run("cleanup-node", I);

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("is not a PEM private key"), run.err());
        assertEquals(1, run.err().lines().count());
    }

    @Test
    void aKeyOthersCanReadIsUsedWithAWarning() throws IOException {
        Files.setPosixFilePermissions(
                directory.resolve(".chef/alice.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        chef.putNode(I, I);

        CliRun run = run("cleanup-node", I);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.err()
                        .startsWith("Warning: Chef key " + directory.resolve(".chef/alice.pem")
                                + " is accessible by group or others"),
                run.err());
    }

    @Test
    void aDryRunSaysWhatWouldBeDeletedAndDeletesNothing() {
        chef.putNode("web-1", I);
        chef.putClient("web-1");

        CliRun run = run("cleanup-node", I, "--dry-run");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                "Would delete Chef Client web-1 (" + I + ")\nWould delete Chef Node web-1 (" + I + ")\n", run.out());
        assertEquals(0, deletes());
        assertTrue(chef.hasNode("web-1") && chef.hasClient("web-1"));
    }

    @Test
    void jsonOutputIsOneDocumentWithEveryStepAndResult() throws IOException {
        chef.putNode(I, I);
        chef.putClient(I);

        CliRun run = run("cleanup-node", I, J, "--output", "json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("cleanup-node", json.path("command").asText());
        assertEquals(4, json.path("steps").size());
        JsonNode first = json.path("steps").get(0);
        assertEquals("delete", first.path("action").asText());
        assertEquals("Chef Client " + I, first.path("resource").asText());
        assertEquals("success", first.path("outcome").asText());
        assertEquals("client", first.path("kind").asText());
        assertEquals(I, first.path("target").asText());
        JsonNode nodes = json.path("result").path("nodes");
        assertEquals("cleaned", nodes.get(0).path("verdict").asText());
        assertEquals("already_absent", nodes.get(1).path("verdict").asText());
        assertEquals(0, json.path("exitCode").asInt());
    }

    @Test
    void backupDirKeepsTheNodeAndClientForKnifeToRestore() throws IOException {
        chef.putNode(I, I);
        chef.putClient(I);

        CliRun run = run("cleanup-node", I, "--backup-dir", "saved");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode node = new ObjectMapper()
                .readTree(directory.resolve("saved/nodes/" + I + ".json").toFile());
        assertEquals("Chef::Node", node.path("json_class").asText());
        assertTrue(Files.exists(directory.resolve("saved/clients/" + I + ".json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.1", "1.3"})
    void signsWithTheChosenProtocolVersionAndTheServerAccepts(String version) {
        chef.putNode(I, I);

        CliRun run = run("cleanup-node", I, "--chef-auth-version", version);

        assertEquals(0, run.exitCode(), run.out() + run.err());
        String algorithm = version.equals("1.3") ? "sha256" : "sha1";
        assertTrue(chef.requests().stream()
                .allMatch(r -> r.header("X-Ops-Sign").equals("algorithm=" + algorithm + ";version=" + version + ";")));
    }

    @Test
    void signsWithProtocol11UnlessToldOtherwise() {
        run("cleanup-node", I);

        assertEquals("algorithm=sha1;version=1.1;", chef.requests().get(0).header("X-Ops-Sign"));
    }

    @Test
    void withoutAServerUrlTheLineSaysWhereToSetIt() throws IOException {
        Files.writeString(config, "node_name 'alice'\n");

        CliRun run = run("cleanup-node", I);

        assertEquals(1, run.exitCode());
        assertTrue(
                run.err().startsWith("asgchef cleanup-node: no Chef server URL: set chef_server_url in " + config),
                run.err());
    }

    @Test
    void flagsAndEnvironmentWinOverTheKnifeConfiguration() throws IOException {
        Files.writeString(
                config,
                Files.readString(config)
                        .replace(chef.organizationUrl().toString(), "https://unreachable.invalid/organizations/acme"));
        chef.putNode(I, I);

        CliRun fromEnv = new CliHarness(directory)
                .env("CHEF_SERVER_URL", chef.organizationUrl().toString())
                .run("cleanup-node", I);
        chef.putNode(I, I);
        CliRun fromFlag = run(
                "cleanup-node", I, "--chef-server-url", chef.organizationUrl().toString());

        assertEquals(0, fromEnv.exitCode(), fromEnv.out() + fromEnv.err());
        assertEquals(0, fromFlag.exitCode(), fromFlag.out() + fromFlag.err());
    }

    @Test
    void chefConfigNamesAConfigurationOutsideTheWorkingDirectory() throws IOException {
        Path elsewhere = directory.resolve("ci");
        Path ciConfig = chef.writeKnifeConfig(elsewhere);
        Files.writeString(config, "raise 'this file must not be read'\n");
        chef.putNode(I, I);

        CliRun run = run("cleanup-node", I, "--chef-config", ciConfig.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    @Test
    void rubyItCannotEvaluateStopsBeforeAnyRequest() throws IOException {
        Files.writeString(config, Files.readString(config) + "chef_server_url `hostname`\n");

        CliRun run = run("cleanup-node", I);

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("asgchef cleanup-node: " + config + " line 10: cannot evaluate"), run.err());
        assertEquals(List.of(), chef.requests());
    }

    @Test
    void anUntrustedTlsCertificateIsOneClearLine() throws IOException {
        try (FakeChefServer https = FakeChefServer.startTls(TestCertificates.LOOPBACK.serverContext())) {
            https.putNode(I, I);

            CliRun run = run(
                    "cleanup-node",
                    I,
                    "--chef-server-url",
                    https.organizationUrl().toString());

            assertEquals(1, run.exitCode());
            assertTrue(run.out().contains("Failed (TLS handshake with 127.0.0.1 failed"), run.out());
            assertTrue(https.hasNode(I));
        }
    }

    @Test
    void theServersCertificateInTrustedCertsIsTrusted() throws IOException {
        TestCertificates.LOOPBACK.writeCertificate(directory.resolve(".chef/trusted_certs"), "127_0_0_1.crt");
        try (FakeChefServer https = FakeChefServer.startTls(TestCertificates.LOOPBACK.serverContext())) {
            https.putNode(I, I);

            CliRun run = run(
                    "cleanup-node",
                    I,
                    "--chef-server-url",
                    https.organizationUrl().toString());

            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertFalse(https.hasNode(I));
        }
    }

    @Test
    void verifyNoneIsHonouredWithAWarning() throws IOException {
        Files.writeString(config, Files.readString(config) + "ssl_verify_mode :verify_none\n");
        try (FakeChefServer https = FakeChefServer.startTls(TestCertificates.OTHER_HOST.serverContext())) {
            https.putNode(I, I);

            CliRun run = run(
                    "cleanup-node",
                    I,
                    "--chef-server-url",
                    https.organizationUrl().toString());

            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertTrue(run.err().startsWith("Warning: ssl_verify_mode :verify_none"), run.err());
        }
    }

    @Test
    void aServerAnsweringEveryRequestWithAnHtml404FailsAndNothingIsAlreadyAbsent() {
        chef.answerEveryRequest(FakeChefServer.HTML_NOT_FOUND);

        CliRun run = run("cleanup-node", "web-1", "--lookup", "name");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertFalse(run.out().contains("Already absent"), run.out());
        assertTrue(
                run.out()
                        .startsWith("Deleting Chef Client web-1: Failed (the server answered 404 to GET nodes/web-1"
                                + " without Chef's not-found for node web-1"),
                run.out());
        assertTrue(run.out().contains("Deleting Chef Node web-1: Skipped"), run.out());
        assertEquals(0, deletes());
    }

    @Test
    void aChefServerUrlWithAWrongPathPrefixFailsInsteadOfFindingNothing() {
        chef.putNode(I, I);
        chef.putClient(I);

        CliRun run = run("cleanup-node", I, "--chef-server-url", chef.url() + "/chef/organizations/acme");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertFalse(run.out().contains("Already absent"), run.out());
        assertTrue(run.out().contains("check chef_server_url (its path is /chef/organizations/acme)"), run.out());
        assertTrue(chef.hasNode(I));
    }

    @Test
    void theKnifeBackendRunsRealKnifeWithTheConfigurationGiven() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));

        CliRun run = run(
                "cleanup-node",
                I,
                "--knife-path",
                knife.executable().toString(),
                "--lookup",
                "name",
                "--chef-config",
                config.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(
                List.of(
                        List.of("client", "delete", "-y", "--config", config.toString(), "--", I),
                        List.of("node", "delete", "-y", "--config", config.toString(), "--", I)),
                knife.calls());
        assertEquals(List.of(), chef.requests());
    }

    @Test
    void withKnifeAnInstanceIdIsRefusedUnlessLookupNameSaysNodesAreNamedAfterIt() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));

        CliRun run = run("cleanup-node", I, "--knife-path", knife.executable().toString());

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertFalse(run.out().contains("Already absent"), run.out());
        assertTrue(run.out().contains("pass --lookup name if nodes are named after their instance ids"), run.out());
        assertEquals(List.of(), knife.calls());
    }

    @Test
    void aNodeNameStartingWithADashReachesKnifeOnlyAsAName() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));

        CliRun run = run("cleanup-node", "--knife-path", knife.executable().toString(), "--", "--delete-validators");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(
                List.of(
                        List.of("client", "delete", "-y", "--", "--delete-validators"),
                        List.of("node", "delete", "-y", "--", "--delete-validators")),
                knife.calls());
    }

    @Test
    void theKnifeBackendFindsKnifeOnPath() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));

        CliRun run = new CliHarness(directory)
                .env("PATH", "/nonexistent:" + directory.resolve("bin"))
                .run("cleanup-node", "web-1", "--knife");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(2, knife.calls().size());
    }
}
