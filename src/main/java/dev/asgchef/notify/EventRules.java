package dev.asgchef.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asgchef.aws.Arn;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The EventBridge rules {@code --eventbridge} puts on the default event bus, so that every termination reaches the
 * queue even when no SNS notification does: the group's own Auto Scaling terminations (a finished termination and the
 * terminating lifecycle action), and EC2's state changes to shutting-down or terminated. EC2's events name no group, so
 * that rule hears every instance of the account and region; drain-queue asks EC2 before any deletion, and a node whose
 * instance is gone is stale whichever group it served.
 */
record EventRules(List<Rule> rules) {
    /** EventBridge's rule names: 1 to 64 of letters, digits, '.', '-' and '_'. */
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static final String AUTO_SCALING_SUFFIX = "-asg-terminate";
    static final String EC2_SUFFIX = "-ec2-terminate";
    static final List<String> AUTO_SCALING_TYPES =
            List.of("EC2 Instance Terminate Successful", "EC2 Instance-terminate Lifecycle Action");
    static final List<String> EC2_STATES = List.of("shutting-down", "terminated");

    /** One rule: its name, the pattern it matches, and its ARN on the default bus of the group's region. */
    record Rule(String name, ObjectNode pattern, Arn arn) {
        String patternJson() {
            return pattern.toString();
        }
    }

    /** The rules for {@code group}, named {@code GROUP-asg-terminate} and {@code GROUP-ec2-terminate}. */
    static EventRules forGroup(GroupRef group) {
        return new EventRules(List.of(
                rule(group, ruleName(group.name(), AUTO_SCALING_SUFFIX), autoScalingPattern(group.name())),
                rule(group, ruleName(group.name(), EC2_SUFFIX), ec2Pattern())));
    }

    /** Refuses, before anything is read or made, a group whose name cannot name a rule. */
    static void checkNameable(String group) {
        ruleName(group, AUTO_SCALING_SUFFIX);
        ruleName(group, EC2_SUFFIX);
    }

    List<Arn> arns() {
        return rules.stream().map(Rule::arn).toList();
    }

    private static Rule rule(GroupRef group, String name, ObjectNode pattern) {
        return new Rule(name, pattern, group.arn().sibling("events", group.region(), "rule/" + name));
    }

    private static String ruleName(String group, String suffix) {
        String name = group + suffix;
        if (!RULE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("cannot name EventBridge rules after group '" + group + "' (a rule name"
                    + " is up to 64 letters, digits, '.', '-' and '_', and '" + suffix + "' is added): wire this group"
                    + " without --eventbridge and add the rules as docs/notifications.md shows");
        }
        return name;
    }

    private static ObjectNode autoScalingPattern(String group) {
        ObjectNode pattern = JsonNodeFactory.instance.objectNode();
        pattern.putArray("source").add("aws.autoscaling");
        AUTO_SCALING_TYPES.forEach(pattern.putArray("detail-type")::add);
        pattern.putObject("detail").putArray("AutoScalingGroupName").add(group);
        return pattern;
    }

    private static ObjectNode ec2Pattern() {
        ObjectNode pattern = JsonNodeFactory.instance.objectNode();
        pattern.putArray("source").add("aws.ec2");
        pattern.putArray("detail-type").add("EC2 Instance State-change Notification");
        EC2_STATES.forEach(pattern.putObject("detail").putArray("state")::add);
        return pattern;
    }
}
