package dev.asgchef.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asgchef.Json;
import java.io.PrintWriter;
import java.util.Map;

/**
 * {@code --output json}: one JSON document on stdout when the command ends, with every step, every warning and the
 * command's results, so that a CI step can read it with {@code jq}. Nothing else is written to stdout.
 */
public final class JsonReporter implements Reporter {
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final ObjectWriter PRETTY = Json.pretty();

    private final PrintWriter out;
    private final PrintWriter err;
    private final String command;
    private final boolean progressVisible;
    private final ObjectNode document = MAPPER.createObjectNode();
    private final ArrayNode steps;
    private final ArrayNode warnings;
    private final ObjectNode results;
    private boolean finished;

    public JsonReporter(PrintWriter out, PrintWriter err, String command, boolean progressVisible) {
        this.out = out;
        this.err = err;
        this.command = command;
        this.progressVisible = progressVisible;
        document.put("command", command);
        steps = document.putArray("steps");
        warnings = document.putArray("warnings");
        results = document.putObject("result");
    }

    @Override
    public synchronized void announce(String line) {
        document.put("message", line);
    }

    @Override
    public synchronized void step(Step step) {
        put(steps.addObject(), step).put("text", step.text());
    }

    /** A step's fields as every JSON output shows them: action, resource, outcome, reason and its data. */
    static ObjectNode put(ObjectNode node, Step step) {
        node.put("action", step.action().key());
        node.put("resource", step.subject());
        node.put("outcome", step.outcome().key());
        if (step.reason() != null) {
            node.put("reason", step.reason());
        }
        for (Map.Entry<String, Object> e : step.data().entrySet()) {
            node.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
        }
        return node;
    }

    @Override
    public synchronized void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void detail(String message) {
        // Detail is for people reading a terminal; the document carries the facts.
    }

    @Override
    public synchronized void progress(String message) {
        if (progressVisible) {
            err.println(message);
            err.flush();
        }
    }

    @Override
    public synchronized void result(String name, Object value) {
        results.set(name, MAPPER.valueToTree(value));
    }

    /** The one-line error that ended the command before it could finish its own report. */
    public synchronized void error(String line) {
        document.put("error", line);
    }

    @Override
    public synchronized void summary(String line) {
        document.put("summary", line);
    }

    @Override
    public synchronized void finish(int exitCode) {
        if (finished) {
            return;
        }
        finished = true;
        document.put("exitCode", exitCode);
        document.put("status", ExitStatus.describe(exitCode));
        try {
            out.println(PRETTY.writeValueAsString(document));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON report of " + command, e);
        }
        out.flush();
    }
}
