package dev.asgchef.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a command's work: {@code Creating Launch Template: Success}, {@code Deleting Chef Node i-0abc: Already
 * absent}, {@code Creating Auto Scaling Group: Failed (reason)}, or for a dry run {@code Would create Launch Template:
 * haproxy-staging}. {@code data} carries the machine-readable facts (names, ARNs) that JSON output shows.
 */
public record Step(Action action, String subject, Outcome outcome, String reason, Map<String, Object> data) {
    public Step {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(outcome, "outcome");
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public static Step of(Action action, String subject, Outcome outcome) {
        return new Step(action, subject, outcome, null, Map.of());
    }

    public static Step failed(Action action, String subject, String reason) {
        return new Step(action, subject, Outcome.FAILED, reason, Map.of());
    }

    /** A dry run's line; {@code plan} says what would be done, with its parameters. */
    public static Step planned(Action action, String subject, String plan) {
        return new Step(action, subject, Outcome.PLANNED, plan, Map.of());
    }

    public Step withReason(String newReason) {
        return new Step(action, subject, outcome, newReason, data);
    }

    public Step with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(data);
        more.put(key, value);
        return new Step(action, subject, outcome, reason, more);
    }

    /** The line without colour. */
    public String text() {
        if (outcome == Outcome.PLANNED) {
            return action.planned() + " " + subject + (reason == null || reason.isEmpty() ? "" : ": " + reason);
        }
        return action.doing() + " " + subject + ": " + outcome.label()
                + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
