package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path home;

    private CliRun run(String... args) {
        return new CliHarness(home).run(args);
    }

    @Test
    void helpListsEveryCommandWithItsDescription() {
        CliRun run = run("--help");
        run.assertExit(0);
        for (String command : List.of(
                "packer-postprocess",
                "create-asg",
                "wire-notifications",
                "drain-queue",
                "cleanup-node",
                "prune-nodes")) {
            assertTrue(
                    run.out().lines().anyMatch(l -> l.trim().startsWith(command + " ") && l.length() > 40),
                    command + " missing from:\n" + run.out());
        }
    }

    @Test
    void helpListsTheExitCodes() {
        String out = run("--help").out();
        assertTrue(out.contains("Exit codes:"), out);
        assertTrue(out.contains("3   partial"), out);
    }

    @Test
    void everyCommandsSynopsisIsOneLineWithItsArguments() {
        Map<String, String> expected = Map.of(
                "packer-postprocess", "Usage: asgchef packer-postprocess [OPTIONS]",
                "create-asg", "Usage: asgchef create-asg [OPTIONS] ROLE AMI ENVIRONMENT",
                "wire-notifications", "Usage: asgchef wire-notifications [OPTIONS] GROUP",
                "drain-queue", "Usage: asgchef drain-queue [OPTIONS]",
                "cleanup-node", "Usage: asgchef cleanup-node [OPTIONS] [NAME...]",
                "prune-nodes", "Usage: asgchef prune-nodes [OPTIONS]");
        for (Map.Entry<String, String> command : expected.entrySet()) {
            String out = run(command.getKey(), "--help").out();
            List<String> lines = out.lines().toList();
            assertEquals(command.getValue(), lines.get(0), out);
            assertTrue(!lines.get(1).startsWith(" "), "the synopsis goes on past its first line:\n" + out);
        }
    }

    @Test
    void versionPrintsThePomVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String version =
                pom.replaceFirst("(?s).*?<artifactId>asgchef</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        CliRun run = run("--version");
        run.assertExit(0);
        assertEquals("asgchef " + version, run.out().trim());
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = run();
        run.assertExit(2);
        assertTrue(run.err().contains("Missing command"), run.err());
    }

    @Test
    void unknownCommandIsOneLineWithASuggestionAndExit2() {
        CliRun run = run("create-agz");
        run.assertExit(2);
        assertTrue(run.err().startsWith("asgchef: Unmatched argument at index 0: 'create-agz'"), run.err());
        assertTrue(run.err().contains("create-asg"), "suggests the near match: " + run.err());
        assertTrue(run.err().contains("Try 'asgchef --help'"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void unknownFlagNamesTheFlagAndTheCommandsHelp() {
        CliRun run = run("cleanup-node", "--frobnicate");
        run.assertExit(2);
        assertTrue(run.err().contains("Unknown option: '--frobnicate'"), run.err());
        assertTrue(run.err().contains("Try 'asgchef cleanup-node --help'"), run.err());
    }

    @Test
    void unreadablePropertiesFileIsAUsageError() {
        CliRun run =
                new CliHarness(home).env("ASGCHEF_CONFIG", "missing.properties").run("--version");
        run.assertExit(2);
        assertTrue(run.err().contains("cannot read the properties file"), run.err());
        assertTrue(run.err().contains("ASGCHEF_CONFIG"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void propertiesFileDevNullReadsNoFileNotEvenTheOneInHome() throws IOException {
        Files.writeString(home.resolve(".asgchef.properties"), "region=\\u12");
        CliRun run = new CliHarness(home).env("ASGCHEF_CONFIG", "/dev/null").run("--version");
        run.assertExit(0);
        assertEquals("", run.err());
    }

    @Test
    void malformedPropertiesFileIsAUsageError() throws IOException {
        Files.writeString(home.resolve(".asgchef.properties"), "region=\\u12");
        CliRun run = run("--version");
        run.assertExit(2);
        assertTrue(run.err().contains(".asgchef.properties"), run.err());
    }

    @Test
    void misspeltPropertiesKeyWarnsWithTheNearestOptionAndTheRunGoesOn() throws IOException {
        Files.writeString(home.resolve(".asgchef.properties"), "drain-queue.wrokers=4\n");
        CliRun run = run("--version");
        run.assertExit(0);
        assertTrue(
                run.err()
                        .contains("asgchef: warning: unknown key 'drain-queue.wrokers' in "
                                + home.resolve(".asgchef.properties")
                                + " is ignored; did you mean 'drain-queue.workers'?"),
                run.err());
    }
}
