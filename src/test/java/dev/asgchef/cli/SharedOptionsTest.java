package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.AwsSettings;
import dev.asgchef.chef.ChefConfig;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared options written before the command, as operators write the aws CLI's and knife's, and knife's flags. */
class SharedOptionsTest {
    @TempDir
    Path home;

    private final List<AwsSettings> awsOpened = new ArrayList<>();
    private final List<ChefConfig.Sources> chefOpened = new ArrayList<>();

    /** A harness whose AWS and Chef providers record what the command asked for, then stop the run. */
    private CliHarness harness() {
        return new CliHarness(home)
                .aws(settings -> {
                    awsOpened.add(settings);
                    throw new AsgchefException("stopped after opening AWS");
                })
                .chef(settings -> {
                    chefOpened.add(settings.sources());
                    throw new AsgchefException("stopped after opening Chef");
                });
    }

    private Optional<String> regionOf(CliHarness harness, String... args) {
        harness.run(args).assertExit(1);
        assertEquals(1, awsOpened.size());
        return awsOpened.get(0).region();
    }

    @Test
    void regionBeforeTheCommandReachesTheCommand() {
        assertEquals(
                Optional.of("eu-west-1"), regionOf(harness(), "--region", "eu-west-1", "wire-notifications", "web"));
    }

    @Test
    void regionAfterTheCommandWinsOverOneBeforeIt() {
        assertEquals(
                Optional.of("us-east-2"),
                regionOf(harness(), "--region", "eu-west-1", "wire-notifications", "--region", "us-east-2", "web"));
    }

    @Test
    void regionBeforeTheCommandWinsOverTheEnvironment() {
        CliHarness harness = harness().env("AWS_REGION", "ap-south-1");
        assertEquals(Optional.of("eu-west-1"), regionOf(harness, "--region", "eu-west-1", "wire-notifications", "web"));
    }

    @Test
    void awsDefaultRegionIsUsedWhenAwsRegionIsUnset() {
        CliHarness harness = harness().env("AWS_DEFAULT_REGION", "eu-north-1");
        assertEquals(Optional.of("eu-north-1"), regionOf(harness, "wire-notifications", "web"));
    }

    @Test
    void awsRegionWinsOverAwsDefaultRegion() {
        CliHarness harness = harness().env("AWS_DEFAULT_REGION", "eu-north-1").env("AWS_REGION", "us-west-2");
        assertEquals(Optional.of("us-west-2"), regionOf(harness, "wire-notifications", "web"));
    }

    @Test
    void awsCaBundleVariableBecomesTheCaBundle() {
        harness().env("AWS_CA_BUNDLE", "/etc/pki/corp-ca.pem").run("wire-notifications", "web");
        assertEquals(
                Optional.of(Path.of("/etc/pki/corp-ca.pem")), awsOpened.get(0).caBundle());
    }

    @Test
    void profileAndEndpointBeforeTheCommandReachTheCommand() {
        harness()
                .run("--profile", "ops", "--endpoint-url", "http://localhost:4566", "wire-notifications", "web")
                .assertExit(1);
        assertEquals(Optional.of("ops"), awsOpened.get(0).profile());
        assertEquals(
                "http://localhost:4566",
                awsOpened.get(0).endpoint().orElseThrow().toString());
    }

    @Test
    void outputJsonBeforeTheCommandGivesTheJsonDocument() {
        CliRun run = harness().run("--output", "json", "wire-notifications", "web");
        run.assertExit(1);
        assertTrue(run.out().trim().startsWith("{"), run.out());
        assertTrue(run.out().contains("stopped after opening AWS"), run.out());
    }

    @Test
    void verboseBeforeTheCommandPrintsTheStackTrace() {
        CliRun run = new CliHarness(home)
                .aws(settings -> {
                    throw new IllegalStateException("unexpected");
                })
                .run("--verbose", "wire-notifications", "web");
        run.assertExit(1);
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void quietAndVerboseAcrossTheCommandNameAreStillAUsageError() {
        CliRun run = harness().run("--quiet", "wire-notifications", "--verbose", "web");
        run.assertExit(2);
        assertTrue(run.err().contains("--quiet and --verbose cannot be used together"), run.err());
    }

    @Test
    void chefConnectionOptionsBeforeTheCommandReachTheCommand() {
        harness()
                .run(
                        "--chef-server-url",
                        "https://chef.example.com/organizations/ops",
                        "--chef-user",
                        "ops-user",
                        "--chef-profile",
                        "prod",
                        "cleanup-node",
                        "web-1")
                .assertExit(1);
        ChefConfig.Sources sources = chefOpened.get(0);
        assertEquals("https://chef.example.com/organizations/ops", sources.serverUrl());
        assertEquals("ops-user", sources.user());
        assertEquals("prod", sources.profile());
    }

    @Test
    void knifeShortFlagsSetTheChefConnection() {
        harness()
                .run(
                        "cleanup-node",
                        "-c",
                        "knife.rb",
                        "-s",
                        "https://chef.example.com/organizations/ops",
                        "-u",
                        "ops-user",
                        "-k",
                        "ops-user.pem",
                        "web-1")
                .assertExit(1);
        ChefConfig.Sources sources = chefOpened.get(0);
        assertEquals(Path.of("knife.rb"), sources.explicitConfig());
        assertEquals("https://chef.example.com/organizations/ops", sources.serverUrl());
        assertEquals("ops-user", sources.user());
        assertEquals(Path.of("ops-user.pem"), sources.key());
    }

    @Test
    void knifeShortFlagsAreAcceptedBeforeTheCommand() {
        harness().run("-u", "ops-user", "cleanup-node", "web-1").assertExit(1);
        assertEquals("ops-user", chefOpened.get(0).user());
    }

    @Test
    void anOptionBeforeACommandThatHasNoSuchOptionIsAUsageError() {
        CliRun run = harness().run("--region", "eu-west-1", "cleanup-node", "web-1");
        run.assertExit(2);
        assertTrue(run.err().contains("--region does not apply to cleanup-node"), run.err());
        assertTrue(chefOpened.isEmpty());
    }

    @Test
    void helpListsTheCommands() {
        CliRun run = harness().run("help");
        run.assertExit(0);
        assertTrue(run.out().startsWith("Usage: asgchef "), run.out());
        assertTrue(run.out().contains("drain-queue"), run.out());
    }

    @Test
    void helpCommandPrintsThatCommandsUsage() {
        CliRun run = harness().run("help", "drain-queue");
        run.assertExit(0);
        assertEquals(
                "Usage: asgchef drain-queue [OPTIONS]",
                run.out().lines().findFirst().orElse(""));
    }
}
