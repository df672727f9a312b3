package dev.asgchef.asg;

import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;

/**
 * A simple scaling policy that changes the group's capacity by a number of instances. Its ARN, as PutScalingPolicy
 * or DescribePolicies returns it, is what the alarm of the same direction triggers.
 */
final class PolicyStep implements ResourceStep {
    private final GroupSpec spec;
    private final GroupSpec.Policy policy;

    PolicyStep(GroupSpec spec, ScalingDirection direction) {
        this.spec = spec;
        this.policy = direction == ScalingDirection.UP ? spec.scaleUp() : spec.scaleDown();
    }

    @Override
    public String title() {
        return policy.direction().policyTitle();
    }

    @Override
    public String key() {
        return policy.direction() == ScalingDirection.UP ? "scaleUpPolicy" : "scaleDownPolicy";
    }

    @Override
    public Step plan() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("AutoScalingGroupName", spec.names().group());
        p.put("PolicyType", GroupSpec.Policy.TYPE);
        p.put("AdjustmentType", GroupSpec.Policy.ADJUSTMENT_TYPE);
        p.put("ScalingAdjustment", policy.adjustment());
        p.put("Cooldown", policy.cooldown());
        return planned(policy.name(), p);
    }

    @Override
    public Applied apply(AsgClients aws, GroupResources resources) {
        AutoScalingClient as = aws.autoScaling();
        String group = spec.names().group();
        Optional<ScalingPolicy> existing = as
                .describePolicies(r -> r.autoScalingGroupName(group).policyNames(policy.name()))
                .scalingPolicies()
                .stream()
                .findFirst();
        PutScalingPolicyRequest wanted = PutScalingPolicyRequest.builder()
                .autoScalingGroupName(group)
                .policyName(policy.name())
                .policyType(GroupSpec.Policy.TYPE)
                .adjustmentType(GroupSpec.Policy.ADJUSTMENT_TYPE)
                .scalingAdjustment(policy.adjustment())
                .cooldown(policy.cooldown())
                .build();
        if (existing.isEmpty()) {
            String arn = as.putScalingPolicy(wanted).policyARN();
            resources.made(new GroupResources.Undo(
                    Action.DELETE,
                    title(),
                    () -> as.deletePolicy(r -> r.autoScalingGroupName(group).policyName(policy.name()))));
            resources.policyArn(policy.direction(), arn);
            return new Applied(Outcome.SUCCESS, null, facts(arn));
        }
        ScalingPolicy current = existing.get();
        List<String> changes = changes(current);
        if (changes.isEmpty()) {
            resources.policyArn(policy.direction(), current.policyARN());
            return Applied.exists(facts(current.policyARN()));
        }
        String arn = as.putScalingPolicy(wanted).policyARN();
        PutScalingPolicyRequest restore = restore(group, current);
        resources.made(new GroupResources.Undo(Action.RESTORE, title(), () -> as.putScalingPolicy(restore)));
        resources.policyArn(policy.direction(), arn);
        return new Applied(Outcome.UPDATED, String.join(", ", changes), facts(arn));
    }

    private List<String> changes(ScalingPolicy current) {
        List<String> changes = new ArrayList<>();
        // An omitted PolicyType means simple scaling.
        String type = current.policyType() == null ? GroupSpec.Policy.TYPE : current.policyType();
        ResourceStep.change(changes, "PolicyType", type, GroupSpec.Policy.TYPE);
        ResourceStep.change(changes, "AdjustmentType", current.adjustmentType(), GroupSpec.Policy.ADJUSTMENT_TYPE);
        ResourceStep.change(changes, "ScalingAdjustment", current.scalingAdjustment(), policy.adjustment());
        ResourceStep.change(changes, "Cooldown", current.cooldown(), policy.cooldown());
        return changes;
    }

    /** The policy as it was, so that a rollback can put it back whatever its type. */
    private static PutScalingPolicyRequest restore(String group, ScalingPolicy p) {
        return PutScalingPolicyRequest.builder()
                .autoScalingGroupName(group)
                .policyName(p.policyName())
                .policyType(p.policyType())
                .adjustmentType(p.adjustmentType())
                .scalingAdjustment(p.scalingAdjustment())
                .cooldown(p.cooldown())
                .minAdjustmentMagnitude(p.minAdjustmentMagnitude())
                .stepAdjustments(p.hasStepAdjustments() ? p.stepAdjustments() : null)
                .metricAggregationType(p.metricAggregationType())
                .estimatedInstanceWarmup(p.estimatedInstanceWarmup())
                .targetTrackingConfiguration(p.targetTrackingConfiguration())
                .predictiveScalingConfiguration(p.predictiveScalingConfiguration())
                .enabled(p.enabled())
                .build();
    }

    private Map<String, Object> facts(String arn) {
        return ResourceStep.facts("name", policy.name(), "arn", arn);
    }
}
