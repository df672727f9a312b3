package dev.asgchef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @TempDir
    Path directory;

    @Test
    void aSecondRunCannotTakeTheLockWhileTheFirstHoldsIt() {
        Path file = directory.resolve("drain.lock");
        RunLock first = RunLock.tryAcquire(file, 42, NOW).orElseThrow();
        try (first) {
            assertEquals(Optional.empty(), RunLock.tryAcquire(file, 43, NOW));
        }
    }

    @Test
    void theLockIsFreeAgainOnceReleased() {
        Path file = directory.resolve("drain.lock");
        RunLock.tryAcquire(file, 42, NOW).orElseThrow().close();
        Optional<RunLock> again = RunLock.tryAcquire(file, 43, NOW);
        assertTrue(again.isPresent());
        again.get().close();
    }

    @Test
    void theFileSaysWhoHoldsIt() {
        Path file = directory.resolve("drain.lock");
        RunLock lock = RunLock.tryAcquire(file, 4242, NOW).orElseThrow();
        try (lock) {
            assertEquals("pid 4242 since 2025-03-01T12:00:00Z", RunLock.holder(file));
        }
    }

    @Test
    void aFileWithOtherContentNamesNoHolder() throws IOException {
        Path file = Files.writeString(directory.resolve("drain.lock"), "\u001b[31mhello\n");
        assertEquals("", RunLock.holder(file));
        assertEquals("", RunLock.holder(directory.resolve("missing.lock")));
    }

    @Test
    void missingDirectoriesAreCreated() {
        Path file = directory.resolve("a/b/drain.lock");
        RunLock.tryAcquire(file, 1, NOW).orElseThrow().close();
        assertTrue(Files.exists(file));
    }

    @Test
    void aSymbolicLinkIsNotFollowed() throws IOException {
        Path target = Files.writeString(directory.resolve("precious.txt"), "keep me");
        Path link = Files.createSymbolicLink(directory.resolve("drain.lock"), target);
        AsgchefException e = assertThrows(AsgchefException.class, () -> RunLock.tryAcquire(link, 1, NOW));
        assertTrue(e.getMessage().contains("choose a writable path with --lock-file"), e.getMessage());
        assertEquals("keep me", Files.readString(target));
    }

    @Test
    void anUnusablePathNamesTheFix() throws IOException {
        Path file = Files.writeString(directory.resolve("file"), "").resolve("drain.lock");
        AsgchefException e = assertThrows(AsgchefException.class, () -> RunLock.tryAcquire(file, 1, NOW));
        assertTrue(e.getMessage().startsWith("cannot use the lock file " + file), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aDirectoryItCreatesIsOnlyThisUsersSoNoOneElseCanRemoveOrReplaceTheLock() throws IOException {
        Path file = directory.resolve("asgchef-user/drain.lock");

        RunLock.tryAcquire(file, 1, NOW).orElseThrow().close();

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void theHolderKeepsItsLockFileYoungSoAnAgeBasedTmpCleanerLeavesIt() throws IOException {
        Path file = directory.resolve("drain.lock");
        try (RunLock lock = RunLock.tryAcquire(file, 1, NOW).orElseThrow()) {
            FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(30)));
            Files.setLastModifiedTime(file, old);

            lock.refresh();

            assertTrue(Files.getLastModifiedTime(file)
                    .toInstant()
                    .isAfter(Instant.now().minus(RunLock.REFRESH)));
        }
    }
}
