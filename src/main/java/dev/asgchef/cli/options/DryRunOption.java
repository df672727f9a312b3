package dev.asgchef.cli.options;

import picocli.CommandLine.Option;

/** {@code --dry-run}: the same lines with "Would create" / "Would delete", and no mutating call. */
public final class DryRunOption {
    @Option(
            names = "--dry-run",
            order = 90,
            description = "Print what would be done, with every parameter, and change nothing.")
    boolean dryRun;

    public boolean enabled() {
        return dryRun;
    }
}
