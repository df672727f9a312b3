package dev.asgchef.asg;

import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Step;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;

/**
 * The legacy path ({@code --launch-configuration}). Launch configurations cannot change, so each set of launch
 * settings has its own, named {@code GROUP-FINGERPRINT}: the same settings find the one they made before, new settings
 * (a new AMI) make a new one, and the previous one is left for the operator to delete once nothing needs it.
 */
final class LaunchConfigurationStep implements ResourceStep {
    private final GroupSpec spec;

    LaunchConfigurationStep(GroupSpec spec) {
        this.spec = spec;
    }

    @Override
    public String title() {
        return LaunchKind.CONFIGURATION.title();
    }

    @Override
    public String key() {
        return "launchConfiguration";
    }

    @Override
    public Step plan() {
        return planned(
                spec.names().launchConfiguration(),
                spec.launch().planned(LaunchKind.CONFIGURATION, spec.userDataDescription()));
    }

    @Override
    public Applied apply(AsgClients aws, GroupResources resources) {
        AutoScalingClient as = aws.autoScaling();
        String name = spec.names().launchConfiguration();
        Images.requireAvailable(aws.ec2(), spec.ami(), aws.region());
        resources.launch(LaunchRef.configuration(name));
        List<LaunchConfiguration> found = describe(as, name);
        if (!found.isEmpty()) {
            return Applied.exists(facts(found));
        }
        as.createLaunchConfiguration(spec.launch().configurationRequest(name));
        resources.made(new GroupResources.Undo(
                Action.DELETE, title(), () -> as.deleteLaunchConfiguration(r -> r.launchConfigurationName(name))));
        String previous = as
                .describeAutoScalingGroups(
                        r -> r.autoScalingGroupNames(spec.names().group()))
                .autoScalingGroups()
                .stream()
                .map(AutoScalingGroup::launchConfigurationName)
                .filter(n -> n != null && !n.equals(name))
                .findFirst()
                .orElse(null);
        Map<String, Object> facts = facts(describe(as, name));
        return previous == null
                ? new Applied(Outcome.SUCCESS, null, facts)
                : new Applied(Outcome.UPDATED, "replaces " + previous + ", which is kept", facts);
    }

    private static List<LaunchConfiguration> describe(AutoScalingClient as, String name) {
        return as.describeLaunchConfigurations(r -> r.launchConfigurationNames(name))
                .launchConfigurations();
    }

    private Map<String, Object> facts(List<LaunchConfiguration> found) {
        String arn = found.isEmpty() ? null : found.get(0).launchConfigurationARN();
        return ResourceStep.facts("name", spec.names().launchConfiguration(), "arn", arn);
    }
}
