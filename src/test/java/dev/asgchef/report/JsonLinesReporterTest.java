package dev.asgchef.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesReporterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private JsonLinesReporter reporter(Verbosity verbosity) {
        return new JsonLinesReporter(
                new PrintWriter(out),
                new PrintWriter(err),
                "drain-queue",
                Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC),
                verbosity,
                false);
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void eachEventIsOneObjectOnOneLine() throws Exception {
        JsonLinesReporter reporter = reporter(Verbosity.NORMAL);
        reporter.announce("Draining queue 'asg-events' with 4 workers.");
        reporter.step(Step.of(Action.DELETE, "Chef Node i-0a1b2c3d4e5f60718", Outcome.SUCCESS)
                .with("kind", "node"));
        reporter.warn("i-1 is still running");
        reporter.summary("Drained 1 message: 1 cleaned");
        reporter.finish(0);
        List<JsonNode> lines = lines();
        assertEquals(5, lines.size());
        JsonNode step = lines.get(1);
        assertEquals("2025-03-01T12:00:00Z", step.path("time").asText());
        assertEquals("info", step.path("level").asText());
        assertEquals("drain-queue", step.path("command").asText());
        assertEquals("step", step.path("event").asText());
        assertEquals("delete", step.path("action").asText());
        assertEquals("Chef Node i-0a1b2c3d4e5f60718", step.path("resource").asText());
        assertEquals("success", step.path("outcome").asText());
        assertEquals("node", step.path("kind").asText());
        assertEquals(
                "Deleting Chef Node i-0a1b2c3d4e5f60718: Success",
                step.path("message").asText());
        assertEquals("warn", lines.get(2).path("level").asText());
        assertEquals("finish", lines.get(4).path("event").asText());
        assertEquals(0, lines.get(4).path("exitCode").asInt());
        assertEquals("", err.toString());
    }

    @Test
    void aFailedStepIsAnError() throws Exception {
        reporter(Verbosity.NORMAL).step(Step.failed(Action.DELETE, "Chef Node i-1", "Chef answered 503"));
        JsonNode line = lines().get(0);
        assertEquals("error", line.path("level").asText());
        assertEquals("Chef answered 503", line.path("reason").asText());
    }

    @Test
    void quietKeepsOnlyFailuresWarningsAndTheEnd() throws Exception {
        JsonLinesReporter reporter = reporter(Verbosity.QUIET);
        reporter.announce("start");
        reporter.step(Step.of(Action.DELETE, "Chef Node i-1", Outcome.SUCCESS));
        reporter.step(Step.failed(Action.DELETE, "Chef Node i-2", "503"));
        reporter.warn("careful");
        reporter.detail("detail");
        reporter.summary("Drained 2 messages");
        reporter.finish(3);
        List<String> events =
                lines().stream().map(l -> l.path("event").asText()).toList();
        assertEquals(List.of("step", "warning", "finish"), events);
        assertEquals("error", lines().get(2).path("level").asText());
    }

    @Test
    void detailOnlyWhenVerbose() throws Exception {
        reporter(Verbosity.NORMAL).detail("hidden");
        assertTrue(out.toString().isEmpty());
        reporter(Verbosity.VERBOSE).detail("shown");
        assertEquals("debug", lines().get(0).path("level").asText());
    }
}
