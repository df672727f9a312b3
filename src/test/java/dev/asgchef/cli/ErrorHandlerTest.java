package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorHandlerTest {
    @TempDir
    Path home;

    @Test
    void aFailureBeforeTheReportIsOneLineOnStderr() {
        CliRun run = new CliHarness(home).run("cleanup-node", "i-0123456789abcdef0");
        run.assertExit(1);
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("asgchef cleanup-node: "), run.err());
        assertEquals("", run.out());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "create-asg",
                "wire-notifications",
                "drain-queue",
                "cleanup-node",
                "packer-postprocess",
                "prune-nodes"
            })
    void aUsageErrorIsOnStderrAloneForEveryCommand(String command) {
        CliRun run = new CliHarness(home)
                .run(command, "--no-such-option")
                .assertExit(2)
                .assertDiagnosticOnStderr("asgchef " + command + ": ")
                .assertDiagnosticOnStderr("Try 'asgchef " + command + " --help' for usage.");
        assertEquals("", run.out());
    }

    @Test
    void withJsonOutputAFailureBeforeTheReportStillPrintsOneDocument() throws Exception {
        CliRun run = new CliHarness(home).run("cleanup-node", "i-0123456789abcdef0", "--output", "json");
        run.assertExit(1);
        JsonNode document = new ObjectMapper().readTree(run.out());
        assertEquals("cleanup-node", document.get("command").asText());
        assertEquals("failed", document.get("status").asText());
        assertEquals(1, document.get("exitCode").asInt());
        assertTrue(run.err().contains(document.get("error").asText()), run.err());
    }

    @Test
    void withLogFormatJsonAFailureBeforeTheReportEndsTheStreamWithAnErrorLine() throws Exception {
        CliRun run = new CliHarness(home).run("drain-queue", "--queue", "web-asg-events", "--log-format", "json");
        run.assertExit(1);
        String[] lines = run.outLines();
        assertEquals(2, lines.length, run.out());
        JsonNode error = new ObjectMapper().readTree(lines[0]);
        assertEquals("error", error.get("event").asText());
        assertEquals("error", error.get("level").asText());
        assertEquals("drain-queue", error.get("command").asText());
        assertEquals(CliHarness.NOW.toString(), error.get("time").asText());
        assertTrue(run.err().contains(error.get("message").asText()), run.err());
        JsonNode finish = new ObjectMapper().readTree(lines[1]);
        assertEquals("finish", finish.get("event").asText());
        assertEquals(1, finish.get("exitCode").asInt());
    }

    @Test
    void aMalformedRegionIsAUsageError() {
        CliRun run = new CliHarness(home).run("wire-notifications", "web-prod", "--region", "nowhere");
        run.assertExit(2);
        assertTrue(run.err().contains("'nowhere' is not an AWS region name"), run.err());
    }

    @Test
    void aMalformedEndpointIsAUsageError() {
        CliRun run = new CliHarness(home)
                .run("wire-notifications", "web-prod", "--region", "us-east-1", "--endpoint-url", "localhost:4566");
        run.assertExit(2);
        assertTrue(run.err().contains("http://localhost:4566"), run.err());
    }

    private static String key() throws IOException {
        return Files.readString(Path.of("src/test/resources/chef-signing/keys/alice.pem"));
    }

    private static void assertNoKeyMaterial(String key, String text) {
        assertFalse(text.contains("PRIVATE KEY-----"), text);
        for (String line : key.lines().filter(l -> !l.startsWith("-----")).toList()) {
            assertFalse(text.contains(line), "a line of the key was printed: " + text);
        }
    }

    @Test
    void aPrivateKeyPastedIntoValidationKeyIsNotEchoedInTheUsageError() throws IOException {
        String key = key();
        CliRun run = new CliHarness(home)
                .run("create-asg", "haproxy", "ami-0abcdef1234567890", "staging", "--validation-key", key, "--dry-run");

        run.assertExit(2);
        assertEquals(2, run.err().lines().count(), run.err());
        assertNoKeyMaterial(key, run.out() + run.err());
    }

    @Test
    void aSecretOptionsValueAttachedWithEqualsIsNotEchoed() {
        String token = "AQICAHhsecretTokenValue0123456789";
        CliRun run = new CliHarness(home)
                .run(
                        "create-asg",
                        "haproxy",
                        "ami-0abcdef1234567890",
                        "staging",
                        "--validation-key=" + token,
                        "--dry-run");

        run.assertExit(2);
        assertFalse(run.err().contains(token), run.err());
        assertTrue(run.err().contains(SecretValues.MASK), run.err());
    }

    @Test
    void aPrivateKeyInAnyPrintedLineIsMaskedWhateverItsSource() throws IOException {
        String key = key();
        // On one line, as an environment variable or a flattened paste holds it, so it passes the printable check.
        // An unknown option quoting a key: the key reaches the error through picocli, not through any secret option.
        String oneLine = key.strip().replaceAll("\\R", " ");
        CliRun run = new CliHarness(home).run("cleanup-node", "web-1", "--chef-user=" + oneLine, "--frob");

        run.assertExit(2);
        assertNoKeyMaterial(key, run.out() + run.err());
    }
}
