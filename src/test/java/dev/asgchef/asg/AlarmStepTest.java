package dev.asgchef.asg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.testing.FakeCloudWatch;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

class AlarmStepTest {
    private static final String POLICY = "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:uuid:"
            + "autoScalingGroupName/haproxy-staging:policyName/haproxy-staging-scale-up";
    private static final String GROUP_ARN =
            "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/haproxy-staging";
    private static final String ALARM_ARN = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:haproxy-staging-cpu-high";

    private final FakeCloudWatch cw = new FakeCloudWatch();
    private final AsgClients aws = new AsgClients(null, null, cw, "us-east-1");
    private final GroupResources resources = new GroupResources();
    private final GroupSpec spec = Requests.defaults().spec();

    AlarmStepTest() {
        resources.groupArn(GROUP_ARN);
        resources.policyArn(ScalingDirection.UP, POLICY);
    }

    private static PutMetricAlarmRequest.Builder wanted() {
        return PutMetricAlarmRequest.builder()
                .alarmName("haproxy-staging-cpu-high")
                .alarmDescription(
                        "asgchef: add 1 instance to haproxy-staging when its average CPU is >= 70% for 2 x" + " 300 s")
                .actionsEnabled(true)
                .alarmActions(POLICY)
                .namespace("AWS/EC2")
                .metricName("CPUUtilization")
                .statistic(Statistic.AVERAGE)
                .dimensions(Dimension.builder()
                        .name("AutoScalingGroupName")
                        .value("haproxy-staging")
                        .build())
                .period(300)
                .evaluationPeriods(2)
                .threshold(70.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    }

    /** The alarm as CloudWatch describes one made by {@link #wanted()}. */
    private static MetricAlarm.Builder asMade() {
        PutMetricAlarmRequest w = wanted().build();
        return MetricAlarm.builder()
                .alarmName(w.alarmName())
                .alarmArn(ALARM_ARN)
                .alarmDescription(w.alarmDescription())
                .actionsEnabled(true)
                .alarmActions(POLICY)
                .namespace(w.namespace())
                .metricName(w.metricName())
                .statistic(w.statistic())
                .dimensions(w.dimensions())
                .period(w.period())
                .evaluationPeriods(w.evaluationPeriods())
                .threshold(w.threshold())
                .comparisonOperator(w.comparisonOperator());
    }

    private void existing(MetricAlarm... alarms) {
        for (MetricAlarm alarm : alarms) {
            cw.alarm(alarm);
        }
    }

    @Test
    void aNewAlarmWatchesTheGroupsCpuAndTriggersThePolicysArn() {
        existing();

        ResourceStep.Applied applied = new AlarmStep(spec, ScalingDirection.UP).apply(aws, resources);

        assertEquals(
                List.of("haproxy-staging-cpu-high"),
                cw.request("describeAlarms", DescribeAlarmsRequest.class).alarmNames());
        assertEquals(wanted().build(), cw.request("putMetricAlarm", PutMetricAlarmRequest.class));
        assertEquals(Outcome.SUCCESS, applied.outcome());
        assertEquals(ALARM_ARN, applied.facts().get("arn"));
    }

    @Test
    void rollingBackANewAlarmDeletesIt() {
        existing();
        new AlarmStep(spec, ScalingDirection.UP).apply(aws, resources);

        GroupResources.Undo undo = resources.undos().pop();
        undo.run().run();

        assertEquals(Action.DELETE, undo.action());
        assertEquals("Up Metric Alarm", undo.subject());
        assertEquals(
                List.of("haproxy-staging-cpu-high"),
                cw.request("deleteAlarms", DeleteAlarmsRequest.class).alarmNames());
    }

    @Test
    void theSameAlarmExists() {
        existing(asMade().build());

        ResourceStep.Applied applied = new AlarmStep(spec, ScalingDirection.UP).apply(aws, resources);

        assertEquals(Outcome.EXISTS, applied.outcome());
        assertEquals(List.of("describeAlarms"), cw.operations());
        assertTrue(resources.undos().isEmpty());
    }

    @Test
    void anAlarmOnAnotherPolicyIsRewiredAndKeepsTheOperatorsOtherActions() {
        existing(asMade().alarmActions("arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:old")
                .okActions("arn:aws:sns:us-east-1:123456789012:ops")
                .build());

        ResourceStep.Applied applied = new AlarmStep(spec, ScalingDirection.UP).apply(aws, resources);
        resources.undos().pop().run().run();

        assertEquals(Outcome.UPDATED, applied.outcome());
        assertEquals("AlarmActions", applied.note());
        List<PutMetricAlarmRequest> puts = cw.requests("putMetricAlarm", PutMetricAlarmRequest.class);
        assertEquals(List.of(POLICY), puts.get(0).alarmActions());
        assertEquals(
                List.of("arn:aws:sns:us-east-1:123456789012:ops"), puts.get(0).okActions());
        assertEquals(
                List.of("arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:old"),
                puts.get(1).alarmActions());
    }

    @Test
    void theDownAlarmIsBelowTheLowThreshold() {
        resources.policyArn(ScalingDirection.DOWN, "arn:down");
        existing();

        new AlarmStep(spec, ScalingDirection.DOWN).apply(aws, resources);

        PutMetricAlarmRequest put = cw.request("putMetricAlarm", PutMetricAlarmRequest.class);
        assertEquals("haproxy-staging-cpu-low", put.alarmName());
        assertEquals(ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD, put.comparisonOperator());
        assertEquals(30.0, put.threshold());
        assertEquals(List.of("arn:down"), put.alarmActions());
    }
}
