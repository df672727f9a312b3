package dev.asgchef.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asgchef.Json;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * {@code --log-format json}: one JSON object per line, written as things happen, for log shippers (journald, Fluent
 * Bit, Vector, CloudWatch agent). Every line has {@code time}, {@code level}, {@code command}, {@code event} and
 * {@code message}; steps add their action, resource and outcome. Everything goes to stdout so one stream carries it
 * all; progress still goes to stderr, and only on a terminal.
 */
public final class JsonLinesReporter implements Reporter {
    private static final ObjectMapper MAPPER = Json.mapper();

    private final PrintWriter out;
    private final PrintWriter err;
    private final String command;
    private final Clock clock;
    private final Verbosity verbosity;
    private final boolean progressVisible;

    public JsonLinesReporter(
            PrintWriter out,
            PrintWriter err,
            String command,
            Clock clock,
            Verbosity verbosity,
            boolean progressVisible) {
        this.out = out;
        this.err = err;
        this.command = command;
        this.clock = clock;
        this.verbosity = verbosity;
        this.progressVisible = progressVisible;
    }

    @Override
    public void announce(String line) {
        if (verbosity != Verbosity.QUIET) {
            write(line("info", "start", line));
        }
    }

    @Override
    public void step(Step step) {
        boolean bad = step.outcome().tone() == Outcome.Tone.BAD;
        if (verbosity == Verbosity.QUIET && !bad) {
            return;
        }
        write(JsonReporter.put(line(bad ? "error" : "info", "step", step.text()), step));
    }

    @Override
    public void warn(String message) {
        write(line("warn", "warning", message));
    }

    @Override
    public void detail(String message) {
        if (verbosity == Verbosity.VERBOSE) {
            write(line("debug", "detail", message));
        }
    }

    @Override
    public synchronized void progress(String message) {
        if (progressVisible && verbosity != Verbosity.QUIET) {
            err.println(message);
            err.flush();
        }
    }

    @Override
    public void result(String name, Object value) {
        if (verbosity != Verbosity.QUIET) {
            ObjectNode node = line("info", "result", name);
            node.set("value", MAPPER.valueToTree(value));
            write(node);
        }
    }

    /** The one-line error that ended the command before it could finish its own report. */
    public void error(String line) {
        write(line("error", "error", line));
    }

    @Override
    public void summary(String line) {
        if (verbosity != Verbosity.QUIET) {
            write(line("info", "summary", line));
        }
    }

    @Override
    public void finish(int exitCode) {
        ObjectNode node = line(exitCode == ExitStatus.OK ? "info" : "error", "finish", ExitStatus.describe(exitCode));
        node.put("exitCode", exitCode);
        write(node);
    }

    private ObjectNode line(String level, String event, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("time", clock.instant().toString());
        node.put("level", level);
        node.put("command", command);
        node.put("event", event);
        node.put("message", message);
        return node;
    }

    private synchronized void write(ObjectNode node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a log line of " + command, e);
        }
        out.flush();
    }
}
