package dev.asgchef.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.InstanceId;
import dev.asgchef.drain.TerminationCheck.Finding;
import dev.asgchef.drain.TerminationCheck.State;
import dev.asgchef.events.InstanceTerminated;
import dev.asgchef.testing.FakeAutoScaling;
import dev.asgchef.testing.FakeEc2;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;

class TerminationCheckTest {
    private static final InstanceId A = new InstanceId("i-0000000000000000a");
    private static final InstanceId B = new InstanceId("i-0000000000000000b");

    private final FakeEc2 ec2 = new FakeEc2();
    private final FakeAutoScaling autoScaling = new FakeAutoScaling();
    private final TerminationCheck check = new TerminationCheck(ec2, autoScaling, "us-east-1");

    @Test
    void ec2IsAskedWithAnInstanceIdFilterSoThatAGoneInstanceDoesNotFailTheCall() {
        check.check(List.of(A, B));
        assertEquals(
                1,
                ec2.requests("describeInstances", DescribeInstancesRequest.class)
                        .size());
        assertEquals(
                List.of(),
                ec2.requests("describeInstances", DescribeInstancesRequest.class)
                        .get(0)
                        .instanceIds());
        assertEquals(
                "instance-id",
                ec2.requests("describeInstances", DescribeInstancesRequest.class)
                        .get(0)
                        .filters()
                        .get(0)
                        .name());
        assertEquals(
                List.of(A.value(), B.value()),
                ec2.requests("describeInstances", DescribeInstancesRequest.class)
                        .get(0)
                        .filters()
                        .get(0)
                        .values());
    }

    @Test
    void nothingToAskMeansNoCall() {
        assertEquals(Map.of(), check.check(List.of()));
        assertEquals(List.of(), ec2.requests("describeInstances", DescribeInstancesRequest.class));
    }

    @Test
    void shuttingDownTerminatedAndGoneAreEnding() {
        ec2.instance(A.value(), "shutting-down").instance(B.value(), "terminated");
        InstanceId gone = new InstanceId("i-0000000000000000c");
        Map<InstanceId, Finding> findings = check.check(List.of(A, B, gone));
        assertEquals(new Finding(State.ENDING, "EC2 state shutting-down"), findings.get(A));
        assertEquals(new Finding(State.ENDING, "EC2 state terminated"), findings.get(B));
        assertEquals(new Finding(State.ENDING, "EC2 no longer knows it"), findings.get(gone));
        assertEquals(List.of(), autoScaling.describes());
    }

    @Test
    void aRunningInstanceIsEndingOnlyWhenAutoScalingIsTerminatingIt() {
        ec2.instance(A.value(), "running").instance(B.value(), "running");
        autoScaling.lifecycleState(A.value(), "Terminating:Wait").lifecycleState(B.value(), "InService");
        Map<InstanceId, Finding> findings = check.check(List.of(A, B));
        assertEquals(new Finding(State.ENDING, "EC2 state running, Auto Scaling Terminating:Wait"), findings.get(A));
        assertEquals(new Finding(State.RUNNING, "EC2 state running, Auto Scaling InService"), findings.get(B));
    }

    @Test
    void aWarmPoolInstanceBeingTerminatedIsEnding() {
        ec2.instance(A.value(), "stopped");
        autoScaling.lifecycleState(A.value(), "Warmed:Terminating:Wait");
        assertEquals(State.ENDING, check.check(List.of(A)).get(A).state());
    }

    @Test
    void pendingAndStoppedInstancesOutsideAnyGroupAreRunning() {
        ec2.instance(A.value(), "pending").instance(B.value(), "stopped");
        Map<InstanceId, Finding> findings = check.check(List.of(A, B));
        assertEquals(new Finding(State.RUNNING, "EC2 state pending, in no Auto Scaling group"), findings.get(A));
        assertEquals(new Finding(State.RUNNING, "EC2 state stopped, in no Auto Scaling group"), findings.get(B));
    }

    @Test
    void anEc2ErrorIsUnknownForTheWholeBatch() {
        ec2.failOn("describeInstances", FakeEc2.error(403, "UnauthorizedOperation", "You are not authorized"));
        Map<InstanceId, Finding> findings = check.check(List.of(A, B));
        Finding unknown = new Finding(State.UNKNOWN, "EC2: UnauthorizedOperation: You are not authorized");
        assertEquals(Map.of(A, unknown, B, unknown), findings);
    }

    @Test
    void anAutoScalingErrorIsUnknownForTheRunningOnes() {
        ec2.instance(A.value(), "running").instance(B.value(), "terminated");
        autoScaling.failOn("describeAutoScalingInstances", FakeAutoScaling.error(400, "Throttling", "Rate exceeded"));
        Map<InstanceId, Finding> findings = check.check(List.of(A, B));
        assertEquals(
                new Finding(State.UNKNOWN, "EC2 state running; Auto Scaling: Throttling: Rate exceeded"),
                findings.get(A));
        assertEquals(State.ENDING, findings.get(B).state());
    }

    @Test
    void anEventFromAnotherRegionGetsNoAnswerAndNamesTheFix() {
        TerminationCheck inUsEast1 = new TerminationCheck(ec2, autoScaling, "us-east-1");
        InstanceId elsewhere = new InstanceId("i-0000000000000000d");
        Map<InstanceId, Finding> findings = inUsEast1.checkEvents(List.of(
                new InstanceTerminated(A, "web", "eu-west-1"), new InstanceTerminated(elsewhere, "web", "us-east-1")));
        assertEquals(State.UNKNOWN, findings.get(A).state());
        assertTrue(
                findings.get(A).detail().contains("--region eu-west-1"),
                findings.get(A).detail());
        assertEquals(new Finding(State.ENDING, "EC2 no longer knows it"), findings.get(elsewhere));
        assertEquals(
                List.of(elsewhere.value()),
                ec2.requests("describeInstances", DescribeInstancesRequest.class)
                        .get(0)
                        .filters()
                        .get(0)
                        .values(),
                "EC2 asked only here");
    }

    @Test
    void anEventThatNamesNoRegionIsCheckedWhereEc2IsAsked() {
        TerminationCheck inUsEast1 = new TerminationCheck(ec2, autoScaling, "us-east-1");
        ec2.instance(A.value(), "terminated");
        assertEquals(
                State.ENDING,
                inUsEast1
                        .checkEvents(List.of(new InstanceTerminated(A, "web")))
                        .get(A)
                        .state());
    }
}
