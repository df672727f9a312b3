package dev.asgchef.asg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.testing.FakeAutoScaling;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.DeletePolicyRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribePoliciesRequest;
import software.amazon.awssdk.services.autoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;

class PolicyStepTest {
    private static final String ARN = "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:uuid:"
            + "autoScalingGroupName/haproxy-staging:policyName/haproxy-staging-scale-down";

    private final FakeAutoScaling as = new FakeAutoScaling();
    private final AsgClients aws = new AsgClients(as, null, null, "us-east-1");
    private final GroupResources resources = new GroupResources();
    private final GroupSpec spec = Requests.defaults().spec();

    private static ScalingPolicy.Builder asMade() {
        return ScalingPolicy.builder()
                .autoScalingGroupName("haproxy-staging")
                .policyName("haproxy-staging-scale-down")
                .policyARN(ARN)
                .policyType("SimpleScaling")
                .adjustmentType("ChangeInCapacity")
                .scalingAdjustment(-1)
                .cooldown(300);
    }

    private void existing(ScalingPolicy... policies) {
        as.group("haproxy-staging");
        for (ScalingPolicy policy : policies) {
            as.policy(policy);
        }
    }

    @Test
    void aNewPolicyIsSimpleScalingByChangeInCapacityAndItsArnIsKept() {
        existing();

        ResourceStep.Applied applied = new PolicyStep(spec, ScalingDirection.DOWN).apply(aws, resources);

        assertEquals(
                DescribePoliciesRequest.builder()
                        .autoScalingGroupName("haproxy-staging")
                        .policyNames("haproxy-staging-scale-down")
                        .build(),
                as.request("describePolicies", DescribePoliciesRequest.class));
        assertEquals(
                PutScalingPolicyRequest.builder()
                        .autoScalingGroupName("haproxy-staging")
                        .policyName("haproxy-staging-scale-down")
                        .policyType("SimpleScaling")
                        .adjustmentType("ChangeInCapacity")
                        .scalingAdjustment(-1)
                        .cooldown(300)
                        .build(),
                as.request("putScalingPolicy", PutScalingPolicyRequest.class));
        assertEquals(Outcome.SUCCESS, applied.outcome());
        String arn = as.findPolicy("haproxy-staging", "haproxy-staging-scale-down")
                .orElseThrow()
                .policyARN();
        assertEquals(arn, applied.facts().get("arn"));
        assertEquals(arn, resources.policyArn(ScalingDirection.DOWN));
    }

    @Test
    void rollingBackANewPolicyDeletesIt() {
        existing();
        new PolicyStep(spec, ScalingDirection.DOWN).apply(aws, resources);

        GroupResources.Undo undo = resources.undos().pop();
        undo.run().run();

        assertEquals(Action.DELETE, undo.action());
        assertEquals("Scale Down Policy", undo.subject());
        assertEquals(
                DeletePolicyRequest.builder()
                        .autoScalingGroupName("haproxy-staging")
                        .policyName("haproxy-staging-scale-down")
                        .build(),
                as.request("deletePolicy", DeletePolicyRequest.class));
    }

    @Test
    void theSamePolicyExistsAndItsArnComesFromDescribe() {
        existing(asMade().build());

        ResourceStep.Applied applied = new PolicyStep(spec, ScalingDirection.DOWN).apply(aws, resources);

        assertEquals(Outcome.EXISTS, applied.outcome());
        assertEquals(List.of("describePolicies"), as.operations());
        assertEquals(ARN, resources.policyArn(ScalingDirection.DOWN));
        assertTrue(resources.undos().isEmpty());
    }

    @Test
    void aPolicyWithAnotherCooldownIsUpdatedAndRollbackPutsItBack() {
        existing(asMade().cooldown(60).build());

        ResourceStep.Applied applied = new PolicyStep(spec, ScalingDirection.DOWN).apply(aws, resources);
        resources.undos().pop().run().run();

        assertEquals(Outcome.UPDATED, applied.outcome());
        assertEquals("Cooldown 60 -> 300", applied.note());
        List<PutScalingPolicyRequest> puts = as.requests("putScalingPolicy", PutScalingPolicyRequest.class);
        assertEquals(300, puts.get(0).cooldown());
        assertEquals(60, puts.get(1).cooldown());
        assertEquals(-1, puts.get(1).scalingAdjustment());
    }
}
