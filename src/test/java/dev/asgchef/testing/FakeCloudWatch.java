package dev.asgchef.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** An in-process CloudWatch of one region and account: metric alarms, put (made or replaced), described, deleted. */
public final class FakeCloudWatch extends FakeClient<FakeCloudWatch> implements CloudWatchClient {
    private final String region;
    private final String account;
    private final Map<String, MetricAlarm> alarms = new LinkedHashMap<>();

    public FakeCloudWatch() {
        this(FakeAutoScaling.REGION, FakeAutoScaling.ACCOUNT);
    }

    public FakeCloudWatch(String region, String account) {
        this.region = region;
        this.account = account;
    }

    public static CloudWatchException error(int status, String code, String message) {
        return error(CloudWatchException.builder(), status, code, message);
    }

    /** An existing alarm, as CloudWatch describes it. */
    public synchronized FakeCloudWatch alarm(MetricAlarm alarm) {
        alarms.put(alarm.alarmName(), alarm);
        return this;
    }

    public synchronized boolean isEmpty() {
        return alarms.isEmpty();
    }

    public synchronized Optional<MetricAlarm> findAlarm(String name) {
        return Optional.ofNullable(alarms.get(name));
    }

    @Override
    public synchronized DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest r) {
        enter("describeAlarms", r);
        List<String> names = r.alarmNames();
        return DescribeAlarmsResponse.builder()
                .metricAlarms(alarms.values().stream()
                        .filter(a -> names.isEmpty() || names.contains(a.alarmName()))
                        .toList())
                .build();
    }

    @Override
    public synchronized PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest r) {
        enter("putMetricAlarm", r);
        alarms.put(
                r.alarmName(),
                MetricAlarm.builder()
                        .alarmName(r.alarmName())
                        .alarmArn("arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + r.alarmName())
                        .alarmDescription(r.alarmDescription())
                        .actionsEnabled(r.actionsEnabled())
                        .alarmActions(r.alarmActions())
                        .okActions(r.okActions())
                        .insufficientDataActions(r.insufficientDataActions())
                        .namespace(r.namespace())
                        .metricName(r.metricName())
                        .statistic(r.statistic())
                        .dimensions(r.dimensions())
                        .period(r.period())
                        .evaluationPeriods(r.evaluationPeriods())
                        .threshold(r.threshold())
                        .comparisonOperator(r.comparisonOperator())
                        .stateValue(StateValue.INSUFFICIENT_DATA)
                        .build());
        return PutMetricAlarmResponse.builder().build();
    }

    @Override
    public synchronized DeleteAlarmsResponse deleteAlarms(DeleteAlarmsRequest r) {
        enter("deleteAlarms", r);
        for (String name : r.alarmNames()) {
            if (alarms.remove(name) == null) {
                throw error(404, "ResourceNotFound", "Alarm not found: " + name);
            }
        }
        return DeleteAlarmsResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "monitoring";
    }
}
