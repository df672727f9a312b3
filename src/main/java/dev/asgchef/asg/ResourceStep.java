package dev.asgchef.asg;

import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One resource of the group, made idempotently: look, then create or update, and say which it was. Right after each
 * change a step records in {@link GroupResources#made} how to take it back, so that a failure, even later in the same step,
 * can roll this run back.
 */
interface ResourceStep {
    /** How the step line names the resource: {@code Launch Template}. */
    String title();

    /** Where JSON output puts the resource's facts: {@code launchTemplate}. */
    String key();

    default Action action() {
        return Action.CREATE;
    }

    /** The dry run's line, with every parameter; needs no AWS call. */
    Step plan();

    /** Looks, then creates or updates; throws what the service threw. */
    Applied apply(AsgClients aws, GroupResources resources);

    /**
     * How a step ended.
     *
     * @param note said in parentheses after the outcome (what changed, why skipped); may be null
     * @param facts names, ids and ARNs, for JSON output
     */
    record Applied(Outcome outcome, String note, Map<String, Object> facts) {
        static Applied exists(Map<String, Object> facts) {
            return new Applied(Outcome.EXISTS, null, facts);
        }
    }

    /** {@code Would create TITLE: NAME (Param=value, ...)}, with the same facts for JSON output. */
    default Step planned(String name, Map<String, Object> parameters) {
        String listed = parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return Step.planned(action(), title(), name + " (" + listed + ")")
                .with("name", name)
                .with("parameters", parameters);
    }

    /** Adds {@code "WHAT was -> now"} to {@code changes} when the two differ: the note of an {@code Updated} line. */
    static void change(List<String> changes, String what, Object was, Object now) {
        if (!Objects.equals(was, now)) {
            changes.add(what + " " + was + " -> " + now);
        }
    }

    /** Names and ARNs, in the order JSON output shows them; null values are left out. */
    static Map<String, Object> facts(Object... keysAndValues) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                facts.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return facts;
    }
}
