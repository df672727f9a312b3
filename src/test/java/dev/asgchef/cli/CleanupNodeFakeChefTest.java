package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.chef.AuthProtocol;
import dev.asgchef.chef.ChefServer;
import dev.asgchef.chef.CleanupSettings;
import dev.asgchef.chef.Lookup;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.FakeChef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * cleanup-node's own rules, with Chef as an in-process object: what is checked before Chef is opened, what the options
 * become, and the exit code and summary a run's results make. The Chef conversation itself is CleanupNodeCommandTest's.
 */
class CleanupNodeFakeChefTest {
    private static final String I = "i-0abc1234def567890";
    private static final String J = "i-0def5678abc123456";

    @TempDir
    Path directory;

    private final FakeChef chef = new FakeChef();

    private CliRun run(String... args) {
        return new CliHarness(directory).chef(chef).run(args);
    }

    @Test
    void someDoneAndSomeRefusedIsPartialWithASummary() {
        chef.knows(I).knows(J).refuses(J, "node " + J + " records ec2.instance_id " + I + ", not " + J);

        CliRun run = run("cleanup-node", I, J);

        assertEquals(3, run.exitCode());
        assertTrue(run.out().endsWith("2 targets: 1 cleaned, 1 refused.\n"), run.out());
        assertFalse(chef.hasNode(I));
        assertTrue(chef.hasNode(J));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../clients/acme-validator", "web/1", "web 1", "n\u00f6de", "..", "web%2F1"})
    void hostileNodeNamesAreAUsageErrorAndNothingIsDeleted(String name) {
        chef.knows(I);

        CliRun run = run("cleanup-node", I, name);

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("asgchef cleanup-node: "), run.err());
        assertTrue(run.err().contains("nothing was deleted"), run.err());
        assertEquals(List.of(), chef.opened(), "Chef is not even opened");
        assertTrue(chef.hasNode(I));
    }

    @Test
    void anUnknownProtocolVersionIsAUsageError() {
        CliRun run = run("cleanup-node", I, "--chef-auth-version", "1.2");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--chef-auth-version '1.2' is not one of 1.0, 1.1, 1.3"), run.err());
        assertEquals(List.of(), chef.opened());
    }

    @Test
    void knifeCannotSearch() {
        CliRun run = run("cleanup-node", I, "--knife", "--lookup", "search");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--lookup search needs asgchef's own Chef client"), run.err());
        assertEquals(List.of(), chef.opened());
    }

    @Test
    void knifeKeepsNoBackups() {
        CliRun run = run("cleanup-node", "web-1", "--knife", "--backup-dir", "saved");

        assertEquals(2, run.exitCode());
        assertTrue(
                run.err().contains("--backup-dir needs asgchef's own Chef client; drop --knife or --backup-dir"),
                run.err());
        assertEquals(List.of(), chef.opened());
    }

    @Test
    void knifeWithAnEmptyPathIsAUsageError() {
        CliRun run = run("cleanup-node", "web-1", "--knife-path=");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--knife-path needs the path of knife; drop it for knife on PATH"), run.err());
        assertEquals(List.of(), chef.opened());
    }

    @Test
    void knifeNeverTakesTheNodeNameAfterItAsItsPath() {
        CliRun run = run("cleanup-node", "--knife", "web-7", "web-8", "--dry-run");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("web-7"), run.out());
        assertTrue(run.out().contains("web-8"), run.out());
    }

    @Test
    void knifeWithAnAttachedValueIsAUsageErrorNotAPath() {
        CliRun run = run("cleanup-node", "web-7", "--knife=web-8");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertEquals(List.of(), chef.opened());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--chef-retries=11", "--chef-retries=-1", "--chef-timeout=11m"})
    void limitsOutOfRangeAreAUsageError(String option) {
        CliRun run = run("cleanup-node", "web-1", option);

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(option.substring(0, option.indexOf('=')) + " must be between"), run.err());
        assertEquals(List.of(), chef.opened());
    }

    @Test
    void noNameIsAUsageError() {
        CliRun run = run("cleanup-node");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing NAME"), run.err());
    }

    @Test
    void theOptionsReachChefAsOneSettingsRecord() {
        chef.knows("web-1");

        CliRun run = run(
                "cleanup-node",
                "web-1",
                "--lookup",
                "name",
                "--backup-dir",
                "saved",
                "--chef-timeout",
                "2s",
                "--chef-retries",
                "4",
                "--chef-auth-version",
                "1.3",
                "--chef-profile",
                "ci",
                "--dry-run");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals("Would delete Chef Client web-1\nWould delete Chef Node web-1\n", run.out());
        assertTrue(chef.hasNode("web-1"));
        CleanupSettings settings = chef.opened().get(0);
        assertEquals(Lookup.NAME, settings.lookup());
        assertEquals(Optional.of(directory.resolve("saved")), settings.backupDir());
        assertEquals(new ChefServer.Limits(Duration.ofSeconds(2), 4), settings.limits());
        assertEquals(AuthProtocol.V1_3, settings.sources().protocol());
        assertEquals("ci", settings.sources().profile());
        assertEquals(directory, settings.sources().workingDirectory());
        assertEquals(Optional.empty(), settings.knife());
        assertTrue(settings.dryRun());
    }

    @Test
    void knifeIsHandedOnAsTheOperatorNamedIt() {
        CliRun run = run("cleanup-node", "web-1", "--knife");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(Optional.of("knife"), chef.opened().get(0).knife());
        assertEquals(List.of("web-1"), chef.asked());
    }

    @Test
    void helpListsTheChefOptionsAndExitCodes() {
        CliRun run = run("cleanup-node", "--help");

        assertEquals(0, run.exitCode());
        for (String option : List.of(
                "--lookup",
                "--backup-dir",
                "--knife",
                "--chef-auth-version",
                "--chef-config",
                "--chef-timeout",
                "--chef-retries",
                "--dry-run",
                "--output")) {
            assertTrue(run.out().contains(option), option + " missing from:\n" + run.out());
        }
        assertTrue(run.out().contains("3   partial"), run.out());
    }
}
