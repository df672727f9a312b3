package dev.asgchef.cli;

import dev.asgchef.AsgchefException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder laid by the foundation; replaced by the command's own issue.
@Command(
        name = "wire-notifications",
        mixinStandardHelpOptions = true,
        description =
                "Run phase: wire the group's termination notifications through SNS to an SQS queue for drain-queue.")
final class WireNotificationsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new AsgchefException("wire-notifications is not built yet");
    }
}
