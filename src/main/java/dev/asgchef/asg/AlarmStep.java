package dev.asgchef.asg;

import dev.asgchef.aws.Arn;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * The CloudWatch alarm on the group's average CPU ({@code AWS/EC2 CPUUtilization}, dimension
 * {@code AutoScalingGroupName}) whose only alarm action is the ARN of the policy of the same direction, as this run's
 * policy step got it back from Auto Scaling. Settings the operator added that create-asg does not manage (OK and
 * insufficient-data actions, missing-data treatment, datapoints to alarm) are kept when it updates the alarm.
 */
final class AlarmStep implements ResourceStep {
    private final GroupSpec spec;
    private final GroupSpec.Alarm alarm;

    AlarmStep(GroupSpec spec, ScalingDirection direction) {
        this.spec = spec;
        this.alarm = direction == ScalingDirection.UP ? spec.upAlarm() : spec.downAlarm();
    }

    @Override
    public String title() {
        return alarm.direction().alarmTitle();
    }

    @Override
    public String key() {
        return alarm.direction() == ScalingDirection.UP ? "upAlarm" : "downAlarm";
    }

    @Override
    public Step plan() {
        String policy = alarm.direction() == ScalingDirection.UP
                ? spec.names().scaleUpPolicy()
                : spec.names().scaleDownPolicy();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Namespace", GroupSpec.Alarm.NAMESPACE);
        p.put("MetricName", GroupSpec.Alarm.METRIC);
        p.put("Statistic", GroupSpec.Alarm.STATISTIC);
        p.put("Dimensions", GroupSpec.Alarm.DIMENSION + "=" + alarm.group());
        p.put("ComparisonOperator", alarm.direction().comparison().toString());
        p.put("Threshold", GroupSpec.number(alarm.threshold()));
        p.put("Period", alarm.period());
        p.put("EvaluationPeriods", alarm.evaluationPeriods());
        p.put("AlarmActions", "the ARN of " + policy);
        return planned(alarm.name(), p);
    }

    @Override
    public Applied apply(AsgClients aws, GroupResources resources) {
        CloudWatchClient cw = aws.cloudWatch();
        String policyArn = resources.policyArn(alarm.direction());
        Optional<MetricAlarm> existing = cw.describeAlarms(r -> r.alarmNames(alarm.name())).metricAlarms().stream()
                .findFirst();
        PutMetricAlarmRequest.Builder wanted = PutMetricAlarmRequest.builder()
                .alarmName(alarm.name())
                .alarmDescription(alarm.description())
                .actionsEnabled(true)
                .alarmActions(policyArn)
                .namespace(GroupSpec.Alarm.NAMESPACE)
                .metricName(GroupSpec.Alarm.METRIC)
                .statistic(GroupSpec.Alarm.STATISTIC)
                .dimensions(dimension())
                .period(alarm.period())
                .evaluationPeriods(alarm.evaluationPeriods())
                .threshold(alarm.threshold())
                .comparisonOperator(alarm.direction().comparison());
        if (existing.isEmpty()) {
            cw.putMetricAlarm(wanted.build());
            resources.made(new GroupResources.Undo(
                    Action.DELETE, title(), () -> cw.deleteAlarms(r -> r.alarmNames(alarm.name()))));
            return new Applied(Outcome.SUCCESS, null, facts(arnFrom(resources, aws.region())));
        }
        MetricAlarm current = existing.get();
        List<String> changes = changes(current, policyArn);
        if (changes.isEmpty()) {
            return Applied.exists(facts(current.alarmArn()));
        }
        cw.putMetricAlarm(wanted.okActions(current.okActions())
                .insufficientDataActions(current.insufficientDataActions())
                .treatMissingData(current.treatMissingData())
                .datapointsToAlarm(current.datapointsToAlarm())
                .build());
        PutMetricAlarmRequest restore = restore(current);
        resources.made(new GroupResources.Undo(Action.RESTORE, title(), () -> cw.putMetricAlarm(restore)));
        return new Applied(Outcome.UPDATED, String.join(", ", changes), facts(current.alarmArn()));
    }

    private Dimension dimension() {
        return Dimension.builder()
                .name(GroupSpec.Alarm.DIMENSION)
                .value(alarm.group())
                .build();
    }

    private List<String> changes(MetricAlarm current, String policyArn) {
        List<String> changes = new ArrayList<>();
        ResourceStep.change(changes, "Namespace", current.namespace(), GroupSpec.Alarm.NAMESPACE);
        ResourceStep.change(changes, "MetricName", current.metricName(), GroupSpec.Alarm.METRIC);
        ResourceStep.change(changes, "Statistic", current.statisticAsString(), GroupSpec.Alarm.STATISTIC);
        if (!new HashSet<>(current.dimensions()).equals(java.util.Set.of(dimension()))) {
            changes.add("Dimensions");
        }
        ResourceStep.change(
                changes,
                "ComparisonOperator",
                current.comparisonOperatorAsString(),
                alarm.direction().comparison().toString());
        ResourceStep.change(changes, "Threshold", current.threshold(), alarm.threshold());
        ResourceStep.change(changes, "Period", current.period(), alarm.period());
        ResourceStep.change(changes, "EvaluationPeriods", current.evaluationPeriods(), alarm.evaluationPeriods());
        if (!new HashSet<>(current.alarmActions()).equals(java.util.Set.of(policyArn))) {
            changes.add("AlarmActions");
        }
        if (!Boolean.TRUE.equals(current.actionsEnabled())) {
            changes.add("ActionsEnabled");
        }
        ResourceStep.change(changes, "AlarmDescription", current.alarmDescription(), alarm.description());
        return changes;
    }

    /** The alarm as it was, so that a rollback can put it back. */
    private static PutMetricAlarmRequest restore(MetricAlarm a) {
        return PutMetricAlarmRequest.builder()
                .alarmName(a.alarmName())
                .alarmDescription(a.alarmDescription())
                .actionsEnabled(a.actionsEnabled())
                .okActions(a.okActions())
                .alarmActions(a.alarmActions())
                .insufficientDataActions(a.insufficientDataActions())
                .metricName(a.metricName())
                .namespace(a.namespace())
                .statistic(a.statisticAsString())
                .extendedStatistic(a.extendedStatistic())
                .dimensions(a.dimensions())
                .period(a.period())
                .unit(a.unitAsString())
                .evaluationPeriods(a.evaluationPeriods())
                .datapointsToAlarm(a.datapointsToAlarm())
                .threshold(a.threshold())
                .comparisonOperator(a.comparisonOperatorAsString())
                .treatMissingData(a.treatMissingData())
                .evaluateLowSampleCountPercentile(a.evaluateLowSampleCountPercentile())
                .metrics(a.hasMetrics() ? a.metrics() : null)
                .thresholdMetricId(a.thresholdMetricId())
                .build();
    }

    /** PutMetricAlarm returns nothing; the ARN is written from the group's partition and account. */
    private String arnFrom(GroupResources resources, String region) {
        return resources
                .groupArn()
                .flatMap(Arn::parse)
                .map(g ->
                        g.sibling("cloudwatch", region, "alarm:" + alarm.name()).toString())
                .orElse(null);
    }

    private Map<String, Object> facts(String arn) {
        return ResourceStep.facts("name", alarm.name(), "arn", arn);
    }
}
