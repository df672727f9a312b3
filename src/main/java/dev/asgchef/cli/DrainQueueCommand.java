package dev.asgchef.cli;

import dev.asgchef.aws.AwsClients;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.cli.options.AwsOptions;
import dev.asgchef.cli.options.ChefOptions;
import dev.asgchef.cli.options.CleanupOptions;
import dev.asgchef.cli.options.DryRunOption;
import dev.asgchef.cli.options.OutputOptions;
import dev.asgchef.drain.DrainQueue;
import dev.asgchef.drain.DrainRequest;
import dev.asgchef.drain.DrainSummary;
import dev.asgchef.drain.LockedDrain;
import dev.asgchef.drain.StopSignal;
import dev.asgchef.drain.TerminationCheck;
import dev.asgchef.report.Reporter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "drain-queue",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Teardown: read termination notifications from SQS and delete each instance's Chef node and client.",
            "",
            "A message is deleted only once its cleanup is done; a failed one comes back after the queue's visibility"
                    + " timeout and reaches the dead-letter queue after enough tries. Terminating lifecycle actions"
                    + " are completed with CONTINUE. Run it from cron (it stops when the queue is empty) or as a"
                    + " service with --follow. Several hosts may drain one queue at once."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every message received was handled (or the queue was empty, or another run holds the lock)",
            "1:nothing could be done: the queue or Chef is unreachable",
            "2:usage error",
            "3:partial: some messages were left in the queue for retry or for the dead-letter queue",
            "143:stopped by SIGTERM (or SIGINT) within --wait-seconds + 20 s; the summary tells how far it got"
        })
final class DrainQueueCommand implements Callable<Integer> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    DrainQueueOptions drain;

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

    DrainQueueCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        DrainRequest request = drain.request(spec, dryRun.enabled());
        Reporter reporter = drain.reporter(spec, environment, output);
        Path lockFile = drain.lockFile(environment, request.queue());
        // Closed only after the finish line: the JVM's exit on a signal waits for it.
        try (StopOnSignal signal = new StopOnSignal()) {
            return new LockedDrain(lockFile, reporter, environment.clock())
                    .run(request, signal.signal(), () -> drain(request, reporter, signal.signal()));
        }
    }

    /** The drain itself, opened only once the lock is held: a run that leaves the queue to another opens nothing. */
    private DrainSummary drain(DrainRequest request, Reporter reporter, StopSignal stop) {
        try (AwsClients clients = environment.aws().open(aws.settings())) {
            NodeCleaner cleaner =
                    environment.chef().open(cleanup.settings(chef, environment, reporter, request.dryRun()));
            // EC2 and Auto Scaling clients are built when a batch first needs them: not at all for an empty queue.
            TerminationCheck check = new TerminationCheck(
                    clients::ec2, clients::autoScaling, clients.region().id());
            return new DrainQueue(
                            clients.sqs(),
                            check,
                            clients::autoScaling,
                            cleaner,
                            reporter,
                            environment.clock(),
                            ThreadLocalRandom.current(),
                            DrainQueue.KEEP_ALIVE_EVERY)
                    .run(request, stop);
        }
    }
}
