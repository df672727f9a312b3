package dev.asgchef.cli;

import dev.asgchef.AsgchefException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder laid by the foundation; replaced by the command's own issue.
@Command(
        name = "cleanup-node",
        mixinStandardHelpOptions = true,
        description = "Teardown by hand: delete the Chef node and client of the named instances or nodes.")
final class CleanupNodeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new AsgchefException("cleanup-node is not built yet");
    }
}
