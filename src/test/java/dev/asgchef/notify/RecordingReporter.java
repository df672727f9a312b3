package dev.asgchef.notify;

import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps everything a use case reports, for tests to read back. */
final class RecordingReporter implements Reporter {
    final List<String> announced = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Map<String, Object> results = new LinkedHashMap<>();

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
    public void detail(String message) {}

    @Override
    public void progress(String message) {}

    @Override
    public void result(String name, Object value) {
        results.put(name, value);
    }

    @Override
    public void summary(String line) {}

    @Override
    public void finish(int exitCode) {}

    List<String> lines() {
        return steps.stream().map(Step::text).toList();
    }

    Step step(String subject) {
        return steps.stream()
                .filter(s -> s.subject().equals(subject))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step " + subject + " in " + lines()));
    }
}
