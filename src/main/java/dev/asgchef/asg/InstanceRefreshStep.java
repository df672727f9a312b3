package dev.asgchef.asg;

import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Step;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefreshInProgressException;
import software.amazon.awssdk.services.autoscaling.model.RefreshPreferences;

/**
 * {@code --instance-refresh}: replaces the instances that still run older launch settings, a few at a time, keeping
 * Auto Scaling's default healthy percentage. Nothing to replace, or a refresh already under way, changes nothing.
 */
final class InstanceRefreshStep implements ResourceStep {
    private final GroupSpec spec;

    InstanceRefreshStep(GroupSpec spec) {
        this.spec = spec;
    }

    @Override
    public String title() {
        return "Instance Refresh";
    }

    @Override
    public String key() {
        return "instanceRefresh";
    }

    @Override
    public Action action() {
        return Action.START;
    }

    @Override
    public Step plan() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("When", "instances run older launch settings");
        p.put("Strategy", "Rolling");
        if (spec.launchKind() == LaunchKind.TEMPLATE) {
            p.put("SkipMatching", true);
        }
        return planned(spec.names().group(), p);
    }

    @Override
    public Applied apply(AsgClients aws, GroupResources resources) {
        String group = spec.names().group();
        int outdated = resources.outdatedInstances();
        if (outdated == 0) {
            return new Applied(
                    Outcome.SKIPPED,
                    "every instance already runs " + resources.launch().describe(),
                    Map.of());
        }
        // Skipping matching instances needs a launch template; with a configuration all instances are replaced.
        RefreshPreferences preferences = spec.launchKind() == LaunchKind.TEMPLATE
                ? RefreshPreferences.builder().skipMatching(true).build()
                : null;
        try {
            String id = aws.autoScaling()
                    .startInstanceRefresh(r -> r.autoScalingGroupName(group).preferences(preferences))
                    .instanceRefreshId();
            return new Applied(
                    Outcome.SUCCESS,
                    id + ": replacing " + outdated + " instance" + (outdated == 1 ? "" : "s") + " with "
                            + resources.launch().describe(),
                    ResourceStep.facts("group", group, "id", id, "instances", outdated));
        } catch (InstanceRefreshInProgressException e) {
            return new Applied(
                    Outcome.EXISTS,
                    "a refresh is already in progress; check it with aws autoscaling describe-instance-refreshes"
                            + " --auto-scaling-group-name " + group,
                    ResourceStep.facts("group", group));
        }
    }
}
