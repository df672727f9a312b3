package dev.asgchef.testing;

import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps everything a use case reported, for tests to assert on; thread-safe like every Reporter. */
public final class RecordingReporter implements Reporter {
    public final List<String> announcements = new CopyOnWriteArrayList<>();
    public final List<Step> steps = new CopyOnWriteArrayList<>();
    public final List<String> warnings = new CopyOnWriteArrayList<>();
    public final List<String> details = new CopyOnWriteArrayList<>();
    public final List<String> progress = new CopyOnWriteArrayList<>();
    public final Map<String, Object> results = new ConcurrentHashMap<>();
    public final List<String> summaries = new CopyOnWriteArrayList<>();
    public volatile Integer exitCode;

    @Override
    public void announce(String line) {
        announcements.add(line);
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
    public void progress(String message) {
        progress.add(message);
    }

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

    /** The step lines as an operator reads them. */
    public List<String> stepLines() {
        return steps.stream().map(Step::text).toList();
    }

    public boolean warned(String fragment) {
        return warnings.stream().anyMatch(w -> w.contains(fragment));
    }
}
