package dev.asgchef.cli;

import java.nio.file.Path;
import java.util.Optional;

/** Where a command's run lock lives when --lock-file does not say: the user's runtime directory, else a temporary one. */
final class LockFiles {
    private LockFiles() {}

    /**
     * {@code $XDG_RUNTIME_DIR/asgchef/NAME}, else {@code $TMPDIR/asgchef-USER-NAME} (or under /tmp): the user's name
     * keeps one user's lock from blocking another's in a shared directory.
     */
    static Path defaultPath(Environment environment, String name) {
        Optional<String> runtime = environment.variable("XDG_RUNTIME_DIR");
        if (runtime.isPresent()) {
            return Path.of(runtime.get(), "asgchef", name);
        }
        String user = environment
                .variable("USER")
                .or(() -> environment.variable("LOGNAME"))
                .orElse("user")
                .replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(environment.variable("TMPDIR").orElse("/tmp"), "asgchef-" + user + "-" + name);
    }
}
