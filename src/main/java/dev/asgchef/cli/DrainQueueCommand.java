package dev.asgchef.cli;

import dev.asgchef.AsgchefException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder laid by the foundation; replaced by the command's own issue.
@Command(
        name = "drain-queue",
        mixinStandardHelpOptions = true,
        description =
                "Teardown: read termination notifications from SQS and delete each instance's Chef node and client.")
final class DrainQueueCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new AsgchefException("drain-queue is not built yet");
    }
}
