package dev.asgchef.cli.options;

import dev.asgchef.AsgchefException;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.cli.Environment;
import dev.asgchef.report.Reporter;

/**
 * How Chef nodes are found and deleted; shared by cleanup-node, drain-queue and packer-postprocess. (Seam laid by the
 * foundation: the Chef issue adds --lookup, --backup-dir, --knife and the implementation.)
 */
public final class CleanupOptions {
    /** Opens the cleaner of one invocation from the Chef settings, reporting through {@code reporter}. */
    public NodeCleaner open(ChefOptions chef, Environment environment, Reporter reporter, boolean dryRun) {
        throw new AsgchefException("Chef cleanup is not built yet");
    }
}
