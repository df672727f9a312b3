package dev.asgchef.cli;

import dev.asgchef.aws.AwsClients;
import dev.asgchef.chef.CleanupSettings;
import dev.asgchef.cli.options.AwsOptions;
import dev.asgchef.cli.options.ChefOptions;
import dev.asgchef.cli.options.CleanupOptions;
import dev.asgchef.cli.options.DryRunOption;
import dev.asgchef.cli.options.OutputOptions;
import dev.asgchef.prune.LockedPrune;
import dev.asgchef.prune.PruneNodes;
import dev.asgchef.prune.PruneRequest;
import dev.asgchef.prune.PruneSummary;
import dev.asgchef.report.Reporter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "prune-nodes",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Backstop: delete the Chef nodes and clients of EC2 instances that are gone, whatever events were missed.",
            "",
            "Finds every Chef node that records an EC2 instance (partial search), asks EC2 about them by region, and"
                    + " deletes a node (client first, as cleanup-node does) only when EC2 says its instance is"
                    + " shutting down, terminated or unknown AND the node has not checked in for --min-age. Nodes of"
                    + " another account, regions EC2 cannot answer for, and regions where too many nodes look gone"
                    + " are kept, with the reason. Run it nightly next to drain-queue."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every node is settled: deleted, gone already, or kept for its reason (or another run holds the lock)",
            "1:nothing could be done: EC2 or Chef failed for every node",
            "2:usage error",
            "3:partial: some deletions failed or were refused, a region failed, or the gone-fraction guard held a"
                    + " region back"
        })
final class PruneNodesCommand implements Callable<Integer> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    PruneNodesOptions prune;

    @Mixin
    DryRunOption dryRun;

    @Mixin
    AwsOptions aws;

    @Mixin
    OutputOptions output;

    @Mixin
    ChefOptions chef;

    @Mixin
    CleanupOptions cleanup;

    PruneNodesCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PruneRequest request = prune.request(spec, dryRun.enabled());
        Reporter reporter = output.reporter(spec, environment);
        CleanupSettings settings = cleanup.settings(chef, environment, reporter, request.dryRun());
        PruneNodesOptions.checkCleanup(spec, settings);
        return new LockedPrune(prune.lockFile(environment), reporter, environment.clock())
                .run(() -> prune(request, settings, reporter));
    }

    /** The run itself, opened only once the lock is held: a run that leaves the work to another opens nothing. */
    private PruneSummary prune(PruneRequest request, CleanupSettings settings, Reporter reporter) {
        try (AwsClients clients = environment.aws().open(aws.settings())) {
            return new PruneNodes(
                            environment.chef().search(settings),
                            clients.sts(),
                            clients::ec2,
                            environment.chef().open(settings),
                            reporter,
                            environment.clock())
                    .run(request);
        }
    }
}
