package dev.asgchef.testing;

import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Reporter that keeps everything it is told, for tests of the core; thread-safe like the real ones. */
public final class RecordingReporter implements Reporter {
    private final List<Step> steps = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> details = new CopyOnWriteArrayList<>();
    private final List<String> summaries = new CopyOnWriteArrayList<>();
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private volatile Integer exitCode;

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Each step as the operator reads it. */
    public List<String> lines() {
        return steps.stream().map(Step::text).toList();
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<String> details() {
        return List.copyOf(details);
    }

    public List<String> summaries() {
        return List.copyOf(summaries);
    }

    public Map<String, Object> results() {
        return Map.copyOf(results);
    }

    public Integer exitCode() {
        return exitCode;
    }

    @Override
    public void announce(String line) {
        summaries.add(line);
    }

    @Override
    public void step(Step step) {
        steps.add(step);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void detail(String message) {
        details.add(message);
    }

    @Override
    public void progress(String message) {}

    @Override
    public void result(String name, Object value) {
        results.put(name, value);
    }

    @Override
    public void summary(String line) {
        summaries.add(line);
    }

    @Override
    public void finish(int code) {
        exitCode = code;
    }
}
