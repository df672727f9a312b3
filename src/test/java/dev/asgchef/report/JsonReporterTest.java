package dev.asgchef.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReporterTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final JsonReporter reporter =
            new JsonReporter(new PrintWriter(out), new PrintWriter(err), "create-asg", false);

    private JsonNode document() throws Exception {
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void nothingIsPrintedBeforeTheEnd() {
        reporter.announce("Creating 'web' ASG");
        reporter.step(Step.of(Action.CREATE, "Launch Template", Outcome.SUCCESS));
        assertEquals("", out.toString());
    }

    @Test
    void finishPrintsOneDocumentWithStepsResultsAndStatus() throws Exception {
        reporter.step(Step.of(Action.CREATE, "Launch Template", Outcome.EXISTS).with("name", "web-staging"));
        reporter.warn("careful");
        reporter.result("groupName", "web-staging");
        reporter.result("counts", Map.of("cleaned", 3));
        reporter.finish(3);
        JsonNode doc = document();
        assertEquals("create-asg", doc.get("command").asText());
        assertEquals(3, doc.get("exitCode").asInt());
        assertEquals("partial", doc.get("status").asText());
        assertEquals("exists", doc.get("steps").get(0).get("outcome").asText());
        assertEquals("web-staging", doc.get("steps").get(0).get("name").asText());
        assertEquals(
                "Creating Launch Template: Exists",
                doc.get("steps").get(0).get("text").asText());
        assertEquals("careful", doc.get("warnings").get(0).asText());
        assertEquals("web-staging", doc.get("result").get("groupName").asText());
        assertEquals(3, doc.get("result").get("counts").get("cleaned").asInt());
    }

    @Test
    void finishWritesOnlyOnce() throws Exception {
        reporter.finish(0);
        reporter.finish(1);
        assertEquals(0, document().get("exitCode").asInt());
    }
}
