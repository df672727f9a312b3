package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asgchef.aws.QueueRef;
import dev.asgchef.testing.CliHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrainQueueLockFileTest {
    @TempDir
    Path directory;

    @Test
    void cronAndALoginShellOfTheSameUserUseTheSameLockFile() {
        Environment cron =
                new CliHarness(directory).env("PATH", "/usr/bin:/bin").environment();
        Environment login = new CliHarness(directory)
                .env("XDG_RUNTIME_DIR", "/run/user/1000")
                .env("TMPDIR", "/var/tmp/session")
                .env("USER", "someone-else")
                .environment();
        QueueRef queue = QueueRef.named("asg-events");

        Path lockOfCron = new DrainQueueOptions().lockFile(cron, queue);

        assertEquals(lockOfCron, new DrainQueueOptions().lockFile(login, queue));
        assertEquals(directory.resolve("run/drain-queue-asg-events.lock"), lockOfCron);
    }

    @Test
    void theRunDirectoryNamesTheUserFromThePasswordDatabaseNotTheEnvironment() {
        assertEquals(Path.of("/tmp/asgchef-deploy"), Environment.runDirectory("deploy"));
        assertEquals(Path.of("/tmp/asgchef-a_b_c"), Environment.runDirectory("a b/c"));
    }
}
