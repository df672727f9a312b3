package dev.asgchef.chef;

import dev.asgchef.AsgchefException;
import dev.asgchef.report.Reporter;
import java.time.Duration;

/**
 * Opens the cleaner the settings describe: asgchef's own Chef client (the knife configuration resolved, the key
 * loaded, the server connected), or real knife when the operator asked for it.
 */
final class ChefCleaners implements NodeCleaner.Provider {
    /** What knife needs beyond its requests: Ruby's start-up and loading its plugins. */
    private static final Duration KNIFE_START_UP = Duration.ofSeconds(30);

    @Override
    public NodeCleaner open(CleanupSettings settings) {
        return settings.knife().isPresent() ? knife(settings, settings.knife().get()) : api(settings);
    }

    private static NodeCleaner knife(CleanupSettings settings, String knife) {
        ChefServer.Limits limits = settings.limits();
        Duration wait = KNIFE_START_UP.plus(limits.requestTimeout().multipliedBy(limits.retries() + 1L));
        ChefConfig.Sources sources = settings.sources();
        return new KnifeBackend(
                new KnifeBackend.Knife(KnifeBackend.locate(knife, sources), KnifeBackend.options(sources), wait),
                settings.lookup(),
                settings.dryRun(),
                settings.reporter());
    }

    @Override
    public NodeSearch search(CleanupSettings settings) {
        if (settings.knife().isPresent()) {
            throw new AsgchefException("searching for nodes needs asgchef's own Chef client; drop --knife");
        }
        return new ApiNodeSearch(server(settings), ApiNodeSearch.PAGE_ROWS);
    }

    private static NodeCleaner api(CleanupSettings settings) {
        Reporter reporter = settings.reporter();
        ChefServer server = server(settings);
        settings.backupDir().ifPresent(dir -> Backups.check(dir, settings.dryRun()));
        return new ApiNodeCleaner(
                server, settings.lookup(), settings.backupDir(), settings.clock(), settings.dryRun(), reporter);
    }

    private static ChefServer server(CleanupSettings settings) {
        Reporter reporter = settings.reporter();
        ChefConfig config = ChefConfig.resolve(settings.sources(), reporter::warn);
        ChefServer server = ChefServer.connect(config, settings.limits(), settings.clock(), reporter::warn);
        reporter.detail("Chef server " + config.serverUrl() + " as " + config.user() + " (authentication protocol "
                + config.protocol() + ")"
                + config.configFile().map(f -> ", settings from " + f).orElse("")
                + config.profile().map(p -> ", credentials profile " + p).orElse(""));
        return server;
    }
}
