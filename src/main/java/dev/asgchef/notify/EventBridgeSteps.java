package dev.asgchef.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asgchef.Json;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * {@code --eventbridge}: each of {@link EventRules}' rules on the default bus, enabled, with the queue as a target.
 * A rule is put only when it is missing or its pattern or state differ, and the target only when the queue is not yet
 * one, so a second run changes nothing. Targets other people added to the rule stay.
 */
final class EventBridgeSteps {
    static final String RULE = "EventBridge Rule";
    /** The id of the queue's target on each rule: ours to replace, any other id is someone else's. */
    static final String TARGET_ID = "asgchef-queue";

    private final Supplier<EventBridgeClient> client;

    EventBridgeSteps(Supplier<EventBridgeClient> client) {
        this.client = client;
    }

    Step ensureRule(NotificationPath path, EventRules.Rule rule) {
        String subject = RULE + " " + rule.name();
        EventBridgeClient events = client.get();
        Optional<DescribeRuleResponse> found = describe(events, rule.name());
        List<String> ruleChanges = found.map(r -> differences(r, rule)).orElse(List.of());
        boolean targetMissing = found.isEmpty() || !targetsQueue(events, rule.name(), path);
        if (found.isPresent() && ruleChanges.isEmpty() && !targetMissing) {
            return Step.of(Action.CREATE, subject, Outcome.EXISTS)
                    .with("arn", rule.arn().toString());
        }
        List<String> changes = new ArrayList<>(ruleChanges);
        if (found.isPresent() && targetMissing) {
            changes.add("target " + path.request.queue().name() + " added");
        }
        if (path.dryRun()) {
            String plan = found.isEmpty()
                    ? rule.patternJson() + " to " + path.request.queue().name()
                    : String.join(", ", changes);
            return Step.planned(found.isEmpty() ? Action.CREATE : Action.UPDATE, subject, plan)
                    .with("arn", rule.arn().toString());
        }
        if (found.isEmpty() || !ruleChanges.isEmpty()) {
            events.putRule(b -> b.name(rule.name())
                    .eventPattern(rule.patternJson())
                    .state(RuleState.ENABLED)
                    .description("asgchef: terminations for drain-queue (" + path.group.name() + ")"));
        }
        if (targetMissing) {
            PutTargetsResponse put = events.putTargets(b -> b.rule(rule.name())
                    .targets(Target.builder()
                            .id(TARGET_ID)
                            .arn(path.queueArn.toString())
                            .build()));
            if (put.failedEntryCount() != null && put.failedEntryCount() > 0) {
                String why = put.failedEntries().isEmpty()
                        ? "no reason given"
                        : put.failedEntries().get(0).errorCode() + ": "
                                + put.failedEntries().get(0).errorMessage();
                path.changed(subject + (found.isEmpty() ? " (created, without its target)" : " (updated)"));
                return Step.failed(
                        Action.CREATE, subject, "EventBridge refused the queue as the rule's target (" + why + ")");
            }
        }
        path.changed(subject + (found.isEmpty() ? " (created)" : " (updated)"));
        Step done = found.isEmpty()
                ? Step.of(Action.CREATE, subject, Outcome.SUCCESS)
                : new Step(Action.CREATE, subject, Outcome.UPDATED, String.join(", ", changes), null);
        return done.with("arn", rule.arn().toString());
    }

    private static Optional<DescribeRuleResponse> describe(EventBridgeClient events, String name) {
        try {
            return Optional.of(events.describeRule(b -> b.name(name)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The SDK has no paginator for ListTargetsByRule, so the pages are followed here. */
    private static boolean targetsQueue(EventBridgeClient events, String rule, NotificationPath path) {
        String next = null;
        do {
            String token = next;
            ListTargetsByRuleResponse page =
                    events.listTargetsByRule(b -> b.rule(rule).nextToken(token));
            if (page.targets().stream()
                    .anyMatch(t ->
                            TARGET_ID.equals(t.id()) && path.queueArn.toString().equals(t.arn()))) {
                return true;
            }
            next = page.nextToken();
        } while (next != null && !next.isEmpty());
        return false;
    }

    private static List<String> differences(DescribeRuleResponse current, EventRules.Rule rule) {
        List<String> differences = new ArrayList<>();
        if (!samePattern(current.eventPattern(), rule)) {
            differences.add("pattern " + rule.patternJson());
        }
        if (current.state() != RuleState.ENABLED) {
            differences.add("state " + current.stateAsString() + " -> ENABLED");
        }
        return differences;
    }

    /** Equal as EventBridge reads them: key order and the order of values in a list do not matter. */
    private static boolean samePattern(String current, EventRules.Rule rule) {
        if (current == null) {
            return false;
        }
        try {
            JsonNode found = Json.mapper().readTree(current);
            return QueuePolicy.normalize(found).equals(QueuePolicy.normalize(rule.pattern()));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
