package dev.asgchef.asg;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.AwsFailure;
import dev.asgchef.report.ExitStatus;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The running phase: builds a group and everything around it, one idempotent step after another, in the order of
 * {@link #steps}. When a step fails, what this run changed is taken back newest first (unless the spec says not to),
 * so a failed run leaves the account as it found it.
 */
public final class CreateAsg {
    private final Reporter reporter;

    public CreateAsg(Reporter reporter) {
        this.reporter = reporter;
    }

    /** The resources in the order they are made: each step may use what the ones before it made. */
    static List<ResourceStep> steps(GroupSpec spec) {
        List<ResourceStep> steps = new ArrayList<>();
        steps.add(
                spec.launchKind() == LaunchKind.TEMPLATE
                        ? new LaunchTemplateStep(spec)
                        : new LaunchConfigurationStep(spec));
        steps.add(new GroupStep(spec));
        steps.add(new PolicyStep(spec, ScalingDirection.UP));
        steps.add(new AlarmStep(spec, ScalingDirection.UP));
        steps.add(new PolicyStep(spec, ScalingDirection.DOWN));
        steps.add(new AlarmStep(spec, ScalingDirection.DOWN));
        steps.add(new NotificationStep(spec));
        if (spec.instanceRefresh()) {
            steps.add(new InstanceRefreshStep(spec));
        }
        return steps;
    }

    /**
     * The dry run: every step with every parameter, from the spec alone; no AWS call, so no credentials needed. With
     * {@code --verbose} the user data itself is shown too.
     */
    public int plan(GroupSpec spec) {
        announce(spec);
        reporter.detail("User data:\n"
                + new String(Base64.getDecoder().decode(spec.launch().userData()), StandardCharsets.UTF_8));
        Map<String, Object> resources = new LinkedHashMap<>();
        for (ResourceStep step : steps(spec)) {
            Step line = step.plan();
            reporter.step(line);
            resources.put(step.key(), line.data());
        }
        results(spec, resources, true);
        reporter.summary("Dry run: nothing was changed.");
        return ExitStatus.OK;
    }

    /** Makes or updates every resource; on a failure, rolls back this run's changes and returns 1. */
    public int run(GroupSpec spec, AsgClients aws) {
        announce(spec);
        GroupResources group = new GroupResources();
        Map<String, Object> resources = new LinkedHashMap<>();
        for (ResourceStep step : steps(spec)) {
            ResourceStep.Applied applied;
            try {
                applied = step.apply(aws, group);
            } catch (RuntimeException e) {
                reporter.step(Step.failed(step.action(), step.title(), reason(e)));
                if (e instanceof SdkException sdk) {
                    AwsFailure.fix(sdk).ifPresent(reporter::warn);
                }
                results(spec, resources, false);
                if (spec.rollback()) {
                    rollback(group);
                } else {
                    keep(group);
                }
                return ExitStatus.FAILED;
            }
            reporter.step(new Step(step.action(), step.title(), applied.outcome(), applied.note(), applied.facts()));
            resources.put(step.key(), applied.facts());
        }
        results(spec, resources, false);
        return ExitStatus.OK;
    }

    private void announce(GroupSpec spec) {
        spec.warnings().forEach(reporter::warn);
        reporter.announce("Creating '" + spec.role() + "' ASG with " + spec.ami() + " for " + spec.environment() + ".");
    }

    private void results(GroupSpec spec, Map<String, Object> resources, boolean dryRun) {
        reporter.result("group", spec.names().group());
        reporter.result("dryRun", dryRun);
        reporter.result("resources", resources);
    }

    /** Takes back this run's changes, newest first; one that cannot be taken back is reported and the rest go on. */
    private void rollback(GroupResources group) {
        List<String> left = new ArrayList<>();
        for (GroupResources.Undo undo : group.undos()) {
            reporter.progress(undo.action().doing() + " " + undo.subject() + "...");
            try {
                undo.run().run();
                reporter.step(Step.of(undo.action(), undo.subject(), Outcome.SUCCESS));
            } catch (RuntimeException e) {
                reporter.step(Step.failed(undo.action(), undo.subject(), reason(e)));
                left.add(undo.subject());
            }
        }
        if (!left.isEmpty()) {
            reporter.warn("the rollback left " + String.join(", ", left) + " in place: remove them by hand, or"
                    + " re-run create-asg once the cause is fixed to finish the group");
        }
        reporter.result("rollback", left.isEmpty() ? "complete" : "incomplete");
    }

    private void keep(GroupResources group) {
        List<String> made = new ArrayList<>();
        group.undos().descendingIterator().forEachRemaining(u -> made.add(u.subject()));
        if (!made.isEmpty()) {
            reporter.warn("--no-rollback: this run's changes to " + String.join(", ", made) + " are left in place;"
                    + " re-run create-asg once the cause is fixed to finish the group");
        }
        reporter.result("rollback", "skipped");
    }

    private static String reason(RuntimeException e) {
        if (e instanceof SdkException sdk) {
            return AwsFailure.reason(sdk);
        }
        if (e instanceof AsgchefException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
