package dev.asgchef.cli;

import dev.asgchef.InstanceId;
import dev.asgchef.chef.CleanupNodes;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.chef.NodeName;
import dev.asgchef.cli.options.ChefOptions;
import dev.asgchef.cli.options.CleanupOptions;
import dev.asgchef.cli.options.DryRunOption;
import dev.asgchef.cli.options.OutputOptions;
import dev.asgchef.report.Reporter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "cleanup-node",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Teardown by hand: delete the Chef node and client of the named instances or nodes.",
            "",
            "For each NAME the client is deleted first, then the node, as 'knife client delete NAME -y' and 'knife node"
                    + " delete NAME -y' would. An instance id is looked up by name and/or by a Chef search on"
                    + " ec2_instance_id (--lookup); a node that records a different instance is never deleted. What"
                    + " is already gone counts as done, so a re-run finishes a partial run."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every node and client is gone (or, with --dry-run, would be)",
            "1:nothing could be done: Chef refused or failed for every NAME",
            "2:usage error",
            "3:partial: some were deleted, others failed or were refused"
        })
final class CleanupNodeCommand implements Callable<Integer> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    // Not arity 1..*: picocli would then report a missing NAME before an unknown option, hiding the real mistake.
    @Parameters(
            arity = "0..*",
            paramLabel = "NAME",
            description = "EC2 instance ids (i-0abc...) or Chef node names; at least one.")
    List<String> targets = List.of();

    @Mixin
    ChefOptions chef;

    @Mixin
    CleanupOptions cleanup;

    @Mixin
    DryRunOption dryRun;

    @Mixin
    OutputOptions output;

    CleanupNodeCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (targets.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "Missing NAME: give the instance ids or node names to clean up");
        }
        for (String target : targets) {
            Optional<String> problem = InstanceId.isValid(target) ? Optional.empty() : NodeName.problem(target);
            if (problem.isPresent()) {
                throw new ParameterException(spec.commandLine(), problem.get() + "; nothing was deleted");
            }
        }
        Reporter reporter = output.reporter(spec, environment);
        NodeCleaner cleaner = environment.chef().open(cleanup.settings(chef, environment, reporter, dryRun.enabled()));
        return new CleanupNodes(cleaner, reporter).run(new CleanupNodes.Request(targets));
    }
}
