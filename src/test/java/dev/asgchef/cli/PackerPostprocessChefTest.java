package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.FakeAwsCloud;
import dev.asgchef.testing.FakeChefServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packer-postprocess removing the build node: the CLI against the in-process Chef server (signatures verified as the
 * real server does) and the in-process EC2, with the knife configuration a Chef starter kit writes.
 */
class PackerPostprocessChefTest {
    private static final String AMI = "ami-0ccc3333dddd44445";
    private static final String NODE = "packer-web-9f8e7d6c";

    @TempDir
    Path dir;

    private FakeChefServer chef;
    private FakeAwsCloud ec2;

    @BeforeEach
    void start() throws IOException {
        chef = FakeChefServer.start();
        chef.writeKnifeConfig(dir);
        ec2 = new FakeAwsCloud();
        ec2.image("us-east-1", AMI, "available");
        new PackerPostprocessCli(dir, ec2).manifest("one-build.json");
    }

    @AfterEach
    void stop() {
        ec2.close();
        chef.close();
    }

    private CliRun run(String... args) {
        return new PackerPostprocessCli(dir, ec2).run(args);
    }

    @Test
    void buildNodeAndClientNamedInCustomDataAreDeleted() {
        chef.putNode(NODE, null);
        chef.putClient(NODE);
        CliRun run = run();
        run.assertExit(0);
        assertFalse(chef.hasNode(NODE));
        assertFalse(chef.hasClient(NODE));
        assertEquals(
                List.of(
                        "Post-processing Packer build 'web' from packer-manifest.json (run"
                                + " 9f8e7d6c-0000-4000-8000-00000000000d).",
                        "Checking AMI " + AMI + ": Available",
                        "Deleting Chef Client " + NODE + ": Success",
                        "Deleting Chef Node " + NODE + ": Success",
                        "Ready: AMI_ID=" + AMI),
                List.of(run.outLines()));
    }

    @Test
    void nodeAlreadyRemovedByPackerIsSuccess() {
        CliRun run = run("--output", "env");
        run.assertExit(0);
        assertEquals("AMI_ID=" + AMI + "\n", run.out());
        assertTrue(run.err().contains("Deleting Chef Node " + NODE + ": Already absent"), run.err());
        assertEquals(List.of(), chef.requests("DELETE", "/"), "nothing to delete, so no DELETE is sent");
    }

    @Test
    void nodeNameOptionNamesAnotherNode() {
        chef.putNode("web-build-42", null);
        chef.putClient("web-build-42");
        chef.putNode(NODE, null);
        CliRun run = run("--node-name", "web-build-42");
        run.assertExit(0);
        assertFalse(chef.hasNode("web-build-42"));
        assertTrue(chef.hasNode(NODE), "only the named node is deleted");
    }

    @Test
    void chefFailureHandsTheAmiOnAndExitsPartial() {
        chef.putNode(NODE, null);
        chef.putClient(NODE);
        chef.failNext("/organizations/acme/clients/", 500, 10);
        CliRun run = run("--output", "env", "--chef-retries", "0");
        run.assertExit(3);
        assertEquals("AMI_ID=" + AMI + "\n", run.out());
        assertTrue(run.err().contains("Deleting Chef Client " + NODE + ": Failed"), run.err());
        assertTrue(run.err().contains("asgchef cleanup-node " + NODE), run.err());
        assertTrue(chef.hasNode(NODE), "left for a retry");
    }

    @Test
    void withTextOutputTheFailedStepIsOnStdoutAndTheWarningOnStderr() {
        chef.putNode(NODE, null);
        chef.putClient(NODE);
        chef.failNext("/organizations/acme/clients/", 500, 10);

        run("--chef-retries", "0")
                .assertExit(3)
                .assertRecordOnStdout("Deleting Chef Client " + NODE + ": Failed")
                .assertDiagnosticOnStderr("asgchef cleanup-node " + NODE);
    }

    @Test
    void dryRunDeletesNothingFromChef() {
        chef.putNode(NODE, null);
        chef.putClient(NODE);
        CliRun run = run("--dry-run");
        run.assertExit(0);
        assertTrue(chef.hasNode(NODE));
        assertTrue(chef.hasClient(NODE));
        assertTrue(chef.requests("DELETE", "/").isEmpty());
        assertTrue(run.out().contains("Would delete Chef Node " + NODE), run.out());
    }

    @Test
    void everyChefRequestIsSignedAsTheConfiguredUser() {
        chef.putNode(NODE, null);
        chef.putClient(NODE);
        run();
        assertFalse(chef.requests().isEmpty());
        assertTrue(chef.requests().stream().allMatch(r -> FakeChefServer.USER.equals(r.header("X-Ops-UserId"))));
    }

    @Test
    void missingChefConfigurationStopsBeforeAnyAwsCall(@TempDir Path bare) throws IOException {
        Files.copy(dir.resolve("packer-manifest.json"), bare.resolve("packer-manifest.json"));
        CliRun run = new CliHarness(bare)
                .run(
                        "packer-postprocess",
                        "--region",
                        "us-east-1",
                        "--endpoint-url",
                        ec2.endpoint().toString());
        run.assertExit(1);
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(ec2.calls().isEmpty(), "no AMI wait before the Chef settings are known to work");
    }
}
