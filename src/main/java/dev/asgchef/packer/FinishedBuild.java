package dev.asgchef.packer;

import dev.asgchef.aws.AmiState;
import dev.asgchef.chef.CleanupResult;
import java.util.Map;
import java.util.Optional;

/**
 * What became of one build.
 *
 * @param states each AMI's state, in the manifest's order
 * @param imagesReady every AMI is available (or, in a dry run, will be) and tagged
 * @param chef the Chef cleanup's result; empty with --skip-chef
 */
record FinishedBuild(
        BuildPlan plan, Map<RegionalAmi, AmiState> states, boolean imagesReady, Optional<CleanupResult> chef) {
    boolean nodeGone() {
        return chef.map(c -> c.done() || c.verdict() == CleanupResult.Verdict.WOULD_CLEAN)
                .orElse(true);
    }
}
