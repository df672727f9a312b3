package dev.asgchef.cli;

import dev.asgchef.AsgchefException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder laid by the foundation; replaced by the command's own issue.
@Command(
        name = "create-asg",
        mixinStandardHelpOptions = true,
        description =
                "Run phase: create the launch template, Auto Scaling group, scaling policies, alarms and notifications for ROLE.")
final class CreateAsgCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new AsgchefException("create-asg is not built yet");
    }
}
