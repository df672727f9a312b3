package dev.asgchef.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for knife: a small shell script that records every argument it gets (one per line, each call ended by
 * {@code ---}), prints what the test told it to and exits with the status the test chose, per subcommand
 * ({@code client} or {@code node}).
 */
public final class FakeKnife {
    private final Path directory;
    private final Path executable;

    public FakeKnife(Path directory) {
        this.directory = directory;
        this.executable = directory.resolve("knife");
        try {
            Files.createDirectories(directory);
            Files.writeString(
                    executable,
                    """
                    #!/bin/sh
                    dir=$(dirname "$0")
                    for arg in "$@"; do printf '%s\\n' "$arg" >> "$dir/calls.log"; done
                    printf -- '---\\n' >> "$dir/calls.log"
                    [ -f "$dir/$1.sleep" ] && sleep "$(cat "$dir/$1.sleep")"
                    [ -f "$dir/$1.out" ] && cat "$dir/$1.out"
                    exit "$(cat "$dir/$1.exit" 2>/dev/null || echo 0)"
                    """);
            Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path executable() {
        return executable;
    }

    /** What {@code knife SUBCOMMAND ...} prints and its exit status from now on. */
    public void answer(String subcommand, int exit, String output) {
        try {
            Files.writeString(directory.resolve(subcommand + ".exit"), Integer.toString(exit));
            Files.writeString(directory.resolve(subcommand + ".out"), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code knife SUBCOMMAND ...} sleeps this many seconds first. */
    public void stall(String subcommand, int seconds) {
        try {
            Files.writeString(directory.resolve(subcommand + ".sleep"), Integer.toString(seconds));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The argument lists of every call so far, in order. */
    public List<List<String>> calls() {
        Path log = directory.resolve("calls.log");
        List<List<String>> calls = new ArrayList<>();
        try {
            if (!Files.exists(log)) {
                return calls;
            }
            List<String> current = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                if (line.equals("---")) {
                    calls.add(List.copyOf(current));
                    current.clear();
                } else {
                    current.add(line);
                }
            }
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
