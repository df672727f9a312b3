package dev.asgchef.chef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.FakeChefServer;
import dev.asgchef.testing.FakeKnife;
import dev.asgchef.testing.RecordingReporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production provider: which cleaner the settings open, and what stops it before any request. */
class ChefCleanersTest {
    private static final ChefServer.Limits LIMITS = new ChefServer.Limits(Duration.ofSeconds(30), 2);

    @TempDir
    Path directory;

    private final RecordingReporter reporter = new RecordingReporter();

    private CleanupSettings settings(
            Path explicitConfig, Map<String, String> env, Optional<Path> backupDir, Optional<String> knife) {
        ChefConfig.Sources sources = new ChefConfig.Sources(
                explicitConfig, null, null, null, null, null, env, directory, directory.resolve("home"));
        return new CleanupSettings(
                sources,
                LIMITS,
                Lookup.NAME,
                backupDir,
                knife,
                false,
                reporter,
                Clock.fixed(CliHarness.NOW, ZoneOffset.UTC));
    }

    private NodeCleaner open(CleanupSettings settings) {
        return NodeCleaner.Provider.standard().open(settings);
    }

    @Test
    void aBareKnifeIsFoundOnTheInvocationsPathAndGetsTheConfigurationGiven() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));

        NodeCleaner cleaner = open(settings(
                Path.of("ci/config.rb"),
                Map.of("PATH", "/nonexistent:" + directory.resolve("bin")),
                Optional.empty(),
                Optional.of("knife")));
        cleaner.clean("web-1");

        assertInstanceOf(KnifeBackend.class, cleaner);
        assertEquals(
                List.of(
                        "client",
                        "delete",
                        "-y",
                        "--config",
                        directory.resolve("ci/config.rb").toString(),
                        "--",
                        "web-1"),
                knife.calls().get(0));
    }

    @Test
    void aKnifeNotOnPathNamesTheFix() {
        AsgchefException e = assertThrows(
                AsgchefException.class,
                () -> open(settings(null, Map.of("PATH", "/nonexistent"), Optional.empty(), Optional.of("knife"))));

        assertEquals(
                "'knife' is not on PATH: install Chef Workstation, or give knife's path with --knife-path PATH",
                e.getMessage());
    }

    @Test
    void aKnifePathThatIsNotAnExecutableFileNamesTheFix() throws IOException {
        Files.writeString(directory.resolve("knife"), "not executable");

        AsgchefException e = assertThrows(
                AsgchefException.class, () -> open(settings(null, Map.of(), Optional.empty(), Optional.of("./knife"))));

        assertEquals(
                "--knife-path " + directory.resolve("./knife")
                        + " is not an executable file: give the path of knife (e.g."
                        + " /opt/chef-workstation/bin/knife)",
                e.getMessage());
    }

    @Test
    void aBackupDirThatIsAFileStopsBeforeAnyRequest() throws IOException {
        Path file = Files.writeString(directory.resolve("saved"), "");
        try (FakeChefServer chef = FakeChefServer.start()) {
            chef.writeKnifeConfig(directory);

            AsgchefException e = assertThrows(
                    AsgchefException.class, () -> open(settings(null, Map.of(), Optional.of(file), Optional.empty())));

            assertEquals("--backup-dir " + file + " is a file, not a directory: choose another path", e.getMessage());
            assertEquals(List.of(), chef.requests());
        }
    }

    @Test
    void withoutKnifeItIsAsgchefsOwnClientOnTheConfiguredServer() {
        try (FakeChefServer chef = FakeChefServer.start()) {
            chef.writeKnifeConfig(directory);
            chef.putNode("web-1", null);

            NodeCleaner cleaner = open(settings(null, Map.of(), Optional.empty(), Optional.empty()));

            assertInstanceOf(ApiNodeCleaner.class, cleaner);
            assertEquals(
                    CleanupResult.Verdict.CLEANED,
                    cleaner.clean("web-1").verdict(),
                    reporter.lines().toString());
            assertTrue(
                    reporter.details().get(0).startsWith("Chef server " + chef.organizationUrl() + " as alice"),
                    reporter.details().toString());
        }
    }
}
