package dev.asgchef.chef;

import dev.asgchef.report.Reporter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What one invocation asks of Chef: where its settings come from, how the server is reached, how nodes are found and
 * deleted, and where the lines go. A command builds it from its options; a {@link NodeCleaner.Provider} opens the
 * cleaner it describes.
 *
 * @param sources the Chef settings as given (flags, environment, working and home directory), resolved as knife does
 * @param backupDir where each node and client is saved before it is deleted, if anywhere (an absolute path)
 * @param knife the knife to run instead of asgchef's own Chef client: a path, or a name looked up on PATH; empty for
 *     asgchef's own client
 */
public record CleanupSettings(
        ChefConfig.Sources sources,
        ChefServer.Limits limits,
        Lookup lookup,
        Optional<Path> backupDir,
        Optional<String> knife,
        boolean dryRun,
        Reporter reporter,
        Clock clock) {

    public CleanupSettings {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(backupDir, "backupDir");
        Objects.requireNonNull(knife, "knife");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(clock, "clock");
    }
}
