package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
