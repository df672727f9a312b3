package dev.asgchef;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * One run per lock file at a time, so that cron never stacks runs of drain-queue or prune-nodes. The lock is the operating system's (fcntl): it
 * goes away with the process however that ends, so a crash never leaves a stale lock. The file itself stays (removing
 * it would race with the next run) and says who holds it.
 *
 * <p>A lock on a file that is removed no longer keeps anyone out: the next run creates a new file and locks that. So a
 * run checks, once it holds the lock, that the path still names the file it locked (another run may have replaced it
 * between our open and our lock), and a holder keeps its file fresh, so that an age-based cleaner of /tmp
 * (systemd-tmpfiles) never removes the lock of a long {@code --follow} run.
 */
public final class RunLock implements AutoCloseable {
    /** Well inside the shortest age that tmp cleaners use (systemd-tmpfiles: days; tmpreaper: hours). */
    static final Duration REFRESH = Duration.ofMinutes(10);

    private static final int ATTEMPTS = 3;

    private final String line;
    private final FileChannel channel;
    private final FileLock lock;
    private final ScheduledExecutorService refresher;

    private RunLock(FileChannel channel, FileLock lock, String line) {
        this.line = line;
        this.channel = channel;
        this.lock = lock;
        this.refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "asgchef-lock-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleAtFixedRate(this::refresh, REFRESH.toMinutes(), REFRESH.toMinutes(), TimeUnit.MINUTES);
    }

    /** The lock, or empty when another run holds it. */
    public static Optional<RunLock> tryAcquire(Path file, long pid, Instant now) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                // Only this user may add, replace or remove files in a directory the tool creates.
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            String line = "pid " + pid + " since " + now + "\n";
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Attempt result = attempt(file, line);
                if (!result.replaced()) {
                    return result.lock;
                }
            }
            throw new IOException("the file was replaced while locking it, " + ATTEMPTS + " times");
        } catch (IOException e) {
            throw new AsgchefException(
                    "cannot use the lock file " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "): choose a writable path with --lock-file");
        }
    }

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** One try: locked, held by another run, or the path was replaced between our open and our lock. */
    private record Attempt(Optional<RunLock> lock, boolean replaced) {
        static final Attempt REPLACED = new Attempt(Optional.empty(), true);
        static final Attempt HELD = new Attempt(Optional.empty(), false);
    }

    private static Attempt attempt(Path file, String line) throws IOException {
        FileChannel channel = null;
        Object before = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? fileKey(file) : null;
        try {
            // Not through a symbolic link: in a shared /tmp, one could point the lock at a file this user may write.
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Attempt.HELD;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            // Never open the path again to check it: closing any descriptor of the file ends this process's fcntl
            // lock on it. A stat opens nothing: the file we locked is still the one the path names.
            Object after = fileKey(file);
            if (before != null && !before.equals(after)) {
                channel.close();
                return Attempt.REPLACED;
            }
            return new Attempt(Optional.of(new RunLock(channel, lock, line)), false);
        } catch (IOException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
    }

    /**
     * Keeps the lock file's age that of a live run by writing its line again through the held channel (setting the
     * time through the path would open and close another descriptor, which ends the lock); never fails the run.
     */
    void refresh() {
        try {
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException ignored) {
            // A file that is gone cannot be refreshed; the lock held on it still ends with this run.
        }
    }

    /**
     * Runs {@code work} while this process holds the lock on {@code file}, and releases it after.
     *
     * @return the work's exit code, or empty when another run holds the lock (the work was not started)
     */
    public static OptionalInt whileHeld(Path file, Instant now, IntSupplier work) {
        Optional<RunLock> lock = tryAcquire(file, ProcessHandle.current().pid(), now);
        if (lock.isEmpty()) {
            return OptionalInt.empty();
        }
        RunLock held = lock.get();
        try {
            return OptionalInt.of(work.getAsInt());
        } finally {
            held.close();
        }
    }

    /** Who holds the lock, for the line of a run that leaves the work to it: "pid 1234 since ...", or empty. */
    public static String holderNote(Path file) {
        String holder = holder(file);
        return (holder.isEmpty() ? "" : holder + ", ") + "lock " + file;
    }

    /** Who holds the lock, as its holder wrote it ({@code pid 1234 since ...}), or empty if unreadable. */
    public static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.matches("pid \\d+ since \\S+") ? text : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it too.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing useful to do when closing a lock file fails; the process exit releases the lock.
            }
        }
    }
}
