package dev.asgchef.cli;

import java.nio.file.Path;

/** Where a command's run lock lives when --lock-file does not say. */
final class LockFiles {
    private LockFiles() {}

    /**
     * {@code NAME} in the invocation's run directory ({@link Environment#runDirectory()}): one per user, found from the
     * password database and never from the environment, so a cron job and a login shell of the same user meet at the
     * same lock.
     */
    static Path defaultPath(Environment environment, String name) {
        return environment.runDirectory().resolve(name);
    }
}
