package dev.asgchef.notify;

import dev.asgchef.aws.Arn;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * {@code --alarm-topic}: a CloudWatch alarm on the dead-letter queue's visible messages that notifies the topic as soon
 * as one is there, so an operator hears of a termination drain-queue could not finish instead of finding a stale node
 * weeks later. SQS publishes its metrics every five minutes, so that is the period.
 */
final class DeadLetterAlarm {
    static final String ALARM = "Dead-Letter Alarm";
    static final String NAMESPACE = "AWS/SQS";
    static final String METRIC = "ApproximateNumberOfMessagesVisible";
    static final int PERIOD_SECONDS = 300;

    private final Supplier<CloudWatchClient> client;

    DeadLetterAlarm(Supplier<CloudWatchClient> client) {
        this.client = client;
    }

    /** {@code QUEUE-dlq-not-empty}. */
    static String name(NotificationPath path) {
        return path.request.deadLetterQueue().name() + "-not-empty";
    }

    Step ensure(NotificationPath path, Arn topic) {
        String name = name(path);
        CloudWatchClient cloudWatch = client.get();
        Optional<MetricAlarm> found = cloudWatch.describeAlarms(b -> b.alarmNames(name)).metricAlarms().stream()
                .filter(a -> name.equals(a.alarmName()))
                .findFirst();
        PutMetricAlarmRequest wanted = found.map(a -> keepingOtherActions(wanted(path, name, topic), a))
                .orElseGet(() -> wanted(path, name, topic));
        List<String> differences = found.map(a -> differences(a, wanted)).orElse(List.of());
        if (found.isPresent() && differences.isEmpty()) {
            return Step.of(Action.CREATE, ALARM, Outcome.EXISTS).with("name", name);
        }
        if (path.dryRun()) {
            String plan = found.isEmpty()
                    ? name + " (" + METRIC + " of "
                            + path.request.deadLetterQueue().name() + " > 0 notifies " + topic + ")"
                    : name + ": " + String.join(", ", differences);
            return Step.planned(found.isEmpty() ? Action.CREATE : Action.UPDATE, ALARM, plan)
                    .with("name", name);
        }
        cloudWatch.putMetricAlarm(wanted);
        path.changed(ALARM + " " + name + (found.isEmpty() ? " (created)" : " (updated)"));
        return found.isEmpty()
                ? Step.of(Action.CREATE, ALARM, Outcome.SUCCESS).with("name", name)
                : new Step(Action.CREATE, ALARM, Outcome.UPDATED, String.join(", ", differences), null)
                        .with("name", name);
    }

    private static PutMetricAlarmRequest wanted(NotificationPath path, String name, Arn topic) {
        return PutMetricAlarmRequest.builder()
                .alarmName(name)
                .alarmDescription("asgchef: a termination drain-queue could not finish is in "
                        + path.request.deadLetterQueue().name() + " (docs/drain-queue.md)")
                .namespace(NAMESPACE)
                .metricName(METRIC)
                .dimensions(Dimension.builder()
                        .name("QueueName")
                        .value(path.request.deadLetterQueue().name())
                        .build())
                .statistic(Statistic.MAXIMUM)
                .period(PERIOD_SECONDS)
                .evaluationPeriods(1)
                .threshold(0.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData("notBreaching")
                .actionsEnabled(true)
                .alarmActions(topic.toString())
                .build();
    }

    /** Actions someone else added to the alarm stay: the topic is added to them, never put in their place. */
    private static PutMetricAlarmRequest keepingOtherActions(PutMetricAlarmRequest wanted, MetricAlarm current) {
        Set<String> actions = new LinkedHashSet<>(current.alarmActions());
        actions.addAll(wanted.alarmActions());
        return wanted.toBuilder()
                .alarmActions(actions)
                .okActions(current.okActions())
                .insufficientDataActions(current.insufficientDataActions())
                .build();
    }

    private static List<String> differences(MetricAlarm current, PutMetricAlarmRequest wanted) {
        List<String> differences = new ArrayList<>();
        compare(differences, "metric", current.namespace() + " " + current.metricName(), NAMESPACE + " " + METRIC);
        compare(differences, "dimensions", current.dimensions(), wanted.dimensions());
        compare(differences, "statistic", current.statisticAsString(), wanted.statisticAsString());
        compare(differences, "period", current.period(), wanted.period());
        compare(differences, "evaluation periods", current.evaluationPeriods(), wanted.evaluationPeriods());
        compare(differences, "threshold", current.threshold(), wanted.threshold());
        compare(differences, "comparison", current.comparisonOperatorAsString(), wanted.comparisonOperatorAsString());
        compare(differences, "actions enabled", current.actionsEnabled(), wanted.actionsEnabled());
        if (!current.alarmActions().containsAll(wanted.alarmActions())) {
            differences.add("actions " + current.alarmActions() + " -> " + wanted.alarmActions());
        }
        return differences;
    }

    private static void compare(List<String> differences, String what, Object current, Object wanted) {
        if (!Objects.equals(current, wanted)) {
            differences.add(what + " " + current + " -> " + wanted);
        }
    }
}
