package dev.asgchef.asg;

import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;

/** The two halves of simple CPU scaling: a policy and the alarm that triggers it, for each direction. */
enum ScalingDirection {
    UP(
            "Scale Up Policy",
            "Up Metric Alarm",
            "scale-up",
            "cpu-high",
            ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD),
    DOWN(
            "Scale Down Policy",
            "Down Metric Alarm",
            "scale-down",
            "cpu-low",
            ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD);

    private final String policyTitle;
    private final String alarmTitle;
    private final String policySuffix;
    private final String alarmSuffix;
    private final ComparisonOperator comparison;

    ScalingDirection(
            String policyTitle,
            String alarmTitle,
            String policySuffix,
            String alarmSuffix,
            ComparisonOperator comparison) {
        this.policyTitle = policyTitle;
        this.alarmTitle = alarmTitle;
        this.policySuffix = policySuffix;
        this.alarmSuffix = alarmSuffix;
        this.comparison = comparison;
    }

    public String policyTitle() {
        return policyTitle;
    }

    public String alarmTitle() {
        return alarmTitle;
    }

    String policyName(String group) {
        return group + "-" + policySuffix;
    }

    String alarmName(String group) {
        return group + "-" + alarmSuffix;
    }

    ComparisonOperator comparison() {
        return comparison;
    }
}
