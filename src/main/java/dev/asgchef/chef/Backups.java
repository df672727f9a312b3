package dev.asgchef.chef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.asgchef.AsgchefException;
import dev.asgchef.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Saves a node's and a client's JSON before they are deleted, in the chef-repo layout ({@code nodes/NAME.json},
 * {@code clients/NAME.json}) so {@code knife node from file nodes/NAME.json} or {@code knife upload} restores a
 * mistake. Node attributes can hold secrets, so directories are 0700 and files 0600. An earlier backup of the same
 * name is never overwritten (host names are reused).
 */
final class Backups {
    private static final ObjectWriter JSON = Json.pretty();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Clock clock;

    Backups(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Fails before any request when the directory cannot take backups. A dry run writes nothing, so it only needs the
     * path not to be a file.
     */
    static void check(Path dir, boolean dryRun) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new AsgchefException("--backup-dir " + dir + " is a file, not a directory: choose another path");
        }
        if (Files.isDirectory(dir) && !dryRun && !Files.isWritable(dir)) {
            throw new AsgchefException("--backup-dir " + dir + " is not writable: fix its permissions");
        }
    }

    /** Where the object would be saved (for a dry run's line). */
    Path planned(String kind, NodeName name) {
        return directory.resolve(kind).resolve(name.value() + ".json");
    }

    /** Writes the object; the returned path is where it went. */
    Path save(String kind, NodeName name, JsonNode object) {
        Path folder = directory.resolve(kind);
        Path file = folder.resolve(name.value() + ".json");
        try {
            createPrivateDirectories(folder);
            if (Files.exists(file)) {
                file = folder.resolve(name.value() + "." + STAMP.format(clock.instant()) + ".json");
            }
            Path temporary = Files.createTempFile(folder, "." + name.value(), ".tmp");
            try {
                Files.write(temporary, JSON.writeValueAsBytes(object));
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file;
        } catch (IOException e) {
            throw new AsgchefException("cannot save the backup of " + kind.replaceAll("s$", "") + " " + name + " in "
                    + folder + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "): nothing was deleted;"
                    + " fix --backup-dir or its permissions");
        }
    }

    private static void createPrivateDirectories(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(
                    folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(folder);
        }
    }
}
