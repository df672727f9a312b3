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
import java.time.Instant;
import java.util.Optional;

/**
 * One run per lock file at a time, so that cron never stacks runs of drain-queue or prune-nodes. The lock is the operating system's (fcntl): it
 * goes away with the process however that ends, so a crash never leaves a stale lock. The file itself stays (removing
 * it would race with the next run) and says who holds it.
 */
public final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another run holds it. */
    public static Optional<RunLock> tryAcquire(Path file, long pid, Instant now) {
        FileChannel channel = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
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
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + pid + " since " + now + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return Optional.of(new RunLock(channel, lock));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new AsgchefException(
                    "cannot use the lock file " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "): choose a writable path with --lock-file");
        }
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
