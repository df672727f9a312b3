package dev.asgchef.testing;

import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Reporter that keeps everything it is told, for tests of the core; thread-safe like the real ones. */
public final class RecordingReporter implements Reporter {
    private final List<Step> steps = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> details = new CopyOnWriteArrayList<>();
    private final List<String> summaries = new CopyOnWriteArrayList<>();
    private final List<String> announced = new CopyOnWriteArrayList<>();
    private final Map<String, Object> results = Collections.synchronizedMap(new LinkedHashMap<>());
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

    /** The results in the order they were reported (values may be null). */
    public Map<String, Object> results() {
        synchronized (results) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(results));
        }
    }

    public List<String> announced() {
        return List.copyOf(announced);
    }

    /** The first step about {@code subject}. */
    public Step step(String subject) {
        return steps.stream()
                .filter(s -> s.subject().equals(subject))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step " + subject + " in " + lines()));
    }

    public Integer exitCode() {
        return exitCode;
    }

    @Override
    public void announce(String line) {
        announced.add(line);
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
