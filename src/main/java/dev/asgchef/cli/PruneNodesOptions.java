package dev.asgchef.cli;

import dev.asgchef.chef.CleanupSettings;
import dev.asgchef.chef.Lookup;
import dev.asgchef.cli.options.DurationConverter;
import dev.asgchef.prune.PruneRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** prune-nodes' own options, and the request they make. */
final class PruneNodesOptions {
    @Option(
            names = "--query",
            paramLabel = "Q",
            order = 1,
            description = "Look only at nodes matching this Chef search query, e.g. chef_environment:staging (default:"
                    + " every node that records ec2.instance_id).")
    String query;

    @Option(
            names = "--min-age",
            paramLabel = "DURATION",
            order = 2,
            defaultValue = "2h",
            converter = DurationConverter.class,
            description = "Delete a node only when it has not checked in (ohai_time) for this long, e.g. 2h or 90m"
                    + " (default: ${DEFAULT-VALUE}; chef-client checks in every 30 minutes by default).")
    Duration minAge;

    @Option(
            names = "--max-gone-fraction",
            paramLabel = "F",
            order = 3,
            defaultValue = "0.5",
            description = "When more than this share (0 to 1) of a region's EC2 nodes look gone, delete nothing in"
                    + " that region and say why: a wrong account, region or credentials looks exactly like that"
                    + " (default: ${DEFAULT-VALUE}).")
    double maxGoneFraction;

    @Option(
            names = "--force",
            order = 4,
            description = "Delete past the --max-gone-fraction guard, once you have checked the account and region.")
    boolean force;

    @Option(
            names = "--max-deletions",
            paramLabel = "N",
            order = 5,
            description = "Delete at most N Chef nodes this run (one already gone does not count); the rest wait for"
                    + " the next run.")
    Integer maxDeletions;

    @Option(
            names = "--require-account",
            order = 6,
            description = "Keep nodes that record no ec2.account_id (older Ohai), as well as those of another account"
                    + " than the credentials'.")
    boolean requireAccount;

    @Option(
            names = "--lock-file",
            paramLabel = "PATH",
            order = 7,
            description = "One run per lock file at a time: a run that finds it held says so and exits 0 (default:"
                    + " prune-nodes.lock in $XDG_RUNTIME_DIR/asgchef, else $TMPDIR or /tmp with the user's name).")
    Path lockFile;

    PruneRequest request(CommandSpec spec, boolean dryRun) {
        check(spec, query == null || !query.isBlank(), "--query needs a Chef search query, e.g. chef_environment:prod");
        check(spec, !minAge.isNegative(), "--min-age cannot be negative");
        check(spec, maxGoneFraction >= 0 && maxGoneFraction <= 1, "--max-gone-fraction must be 0 to 1");
        check(spec, maxDeletions == null || maxDeletions >= 0, "--max-deletions must be 0 or more");
        return new PruneRequest(
                Optional.ofNullable(query),
                minAge,
                maxGoneFraction,
                force,
                maxDeletions == null ? OptionalInt.empty() : OptionalInt.of(maxDeletions),
                requireAccount,
                dryRun);
    }

    /** The cleanup settings prune-nodes can work with: its own Chef client, which finds each node by name or search. */
    static void checkCleanup(CommandSpec spec, CleanupSettings settings) {
        check(
                spec,
                settings.knife().isEmpty(),
                "prune-nodes needs asgchef's own Chef client (it searches Chef and checks each node's instance);"
                        + " drop --knife");
        check(
                spec,
                settings.lookup() == Lookup.AUTO,
                "prune-nodes finds each node by name, then by search, as --lookup auto does; drop --lookup");
    }

    Path lockFile(Environment environment) {
        return lockFile != null
                ? environment.workingDirectory().resolve(lockFile)
                : LockFiles.defaultPath(environment, "prune-nodes.lock");
    }

    private static void check(CommandSpec spec, boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
