package dev.asgchef.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.PutRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * An in-process EventBridge of one region and account, default event bus only: rules (put makes or replaces, describe
 * answers ResourceNotFoundException for an unknown one) and their targets (put by id, listed).
 */
public final class FakeEventBridge extends FakeClient<FakeEventBridge> implements EventBridgeClient {
    private final String region;
    private final String account;
    private final Map<String, DescribeRuleResponse> rules = new LinkedHashMap<>();
    private final Map<String, Map<String, Target>> targets = new LinkedHashMap<>();

    public FakeEventBridge() {
        this(FakeAutoScaling.REGION, FakeAutoScaling.ACCOUNT);
    }

    public FakeEventBridge(String region, String account) {
        this.region = region;
        this.account = account;
    }

    public static EventBridgeException error(int status, String code, String message) {
        return error(EventBridgeException.builder(), status, code, message);
    }

    public String ruleArn(String name) {
        return "arn:aws:events:" + region + ":" + account + ":rule/" + name;
    }

    public synchronized Optional<DescribeRuleResponse> findRule(String name) {
        return Optional.ofNullable(rules.get(name));
    }

    public synchronized List<Target> targets(String rule) {
        return List.copyOf(targets.getOrDefault(rule, Map.of()).values());
    }

    @Override
    public synchronized DescribeRuleResponse describeRule(DescribeRuleRequest r) {
        enter("describeRule", r);
        DescribeRuleResponse rule = rules.get(r.name());
        if (rule == null) {
            throw (ResourceNotFoundException) ResourceNotFoundException.builder()
                    .statusCode(400)
                    .message("Rule " + r.name() + " does not exist on EventBus default.")
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("ResourceNotFoundException")
                            .errorMessage("Rule " + r.name() + " does not exist on EventBus default.")
                            .build())
                    .build();
        }
        return rule;
    }

    @Override
    public synchronized PutRuleResponse putRule(PutRuleRequest r) {
        enter("putRule", r);
        String arn = ruleArn(r.name());
        rules.put(
                r.name(),
                DescribeRuleResponse.builder()
                        .name(r.name())
                        .arn(arn)
                        .eventPattern(r.eventPattern())
                        .description(r.description())
                        .state(r.state() == null ? RuleState.ENABLED : r.state())
                        .eventBusName("default")
                        .build());
        return PutRuleResponse.builder().ruleArn(arn).build();
    }

    @Override
    public synchronized ListTargetsByRuleResponse listTargetsByRule(ListTargetsByRuleRequest r) {
        enter("listTargetsByRule", r);
        if (!rules.containsKey(r.rule())) {
            throw error(400, "ResourceNotFoundException", "Rule " + r.rule() + " does not exist.");
        }
        return ListTargetsByRuleResponse.builder()
                .targets(
                        new ArrayList<>(targets.getOrDefault(r.rule(), Map.of()).values()))
                .build();
    }

    @Override
    public synchronized PutTargetsResponse putTargets(PutTargetsRequest r) {
        enter("putTargets", r);
        if (!rules.containsKey(r.rule())) {
            throw error(400, "ResourceNotFoundException", "Rule " + r.rule() + " does not exist.");
        }
        Map<String, Target> byId = targets.computeIfAbsent(r.rule(), k -> new LinkedHashMap<>());
        r.targets().forEach(t -> byId.put(t.id(), t));
        return PutTargetsResponse.builder().failedEntryCount(0).build();
    }

    @Override
    public String serviceName() {
        return "events";
    }
}
