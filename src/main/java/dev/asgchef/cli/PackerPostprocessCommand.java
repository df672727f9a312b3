package dev.asgchef.cli;

import dev.asgchef.AsgchefException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder laid by the foundation; replaced by the command's own issue.
@Command(
        name = "packer-postprocess",
        mixinStandardHelpOptions = true,
        description =
                "Build phase: after Packer bakes an AMI, confirm it is available, remove the build node from Chef and hand the AMI id on.")
final class PackerPostprocessCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new AsgchefException("packer-postprocess is not built yet");
    }
}
