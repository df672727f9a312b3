package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.FakeAwsCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** packer-postprocess end to end: the real CLI and SDK clients against an in-process EC2 on a loopback port. */
class PackerPostprocessCommandTest {
    private static final String EAST = "ami-0ccc3333dddd44445";
    private static final String WEST = "ami-0eee5555ffff66667";

    @TempDir
    Path dir;

    private FakeAwsCloud ec2;

    @BeforeEach
    void start() throws IOException {
        ec2 = new FakeAwsCloud();
    }

    @AfterEach
    void stop() {
        ec2.close();
    }

    private void manifest(String fixture) {
        new PackerPostprocessCli(dir, ec2).manifest(fixture);
    }

    private CliRun run(String... args) {
        return new PackerPostprocessCli(dir, ec2).run(args);
    }

    @Test
    void envOutputPrintsOnlyTheVariablesOnStdout() throws IOException {
        manifest("several-runs.json");
        ec2.image("us-east-1", EAST, "available").image("us-west-2", WEST, "available");
        CliRun run = run("--skip-chef", "--output", "env");
        run.assertExit(0);
        assertEquals("AMI_ID=" + EAST + "\nAMI_ID_US_EAST_1=" + EAST + "\nAMI_ID_US_WEST_2=" + WEST + "\n", run.out());
        assertTrue(run.err().contains("Checking AMI " + WEST + ": Available"), run.err());
    }

    @Test
    void eachRegionsAmiIsAskedInItsOwnRegion() throws IOException {
        manifest("several-runs.json");
        ec2.image("us-east-1", EAST, "available").image("us-west-2", WEST, "available");
        run("--skip-chef");
        List<String> asked = ec2.requests().stream()
                .filter(c -> c.action().equals("DescribeImages"))
                .map(c -> c.region() + " " + c.parameters().get("ImageId.1"))
                .distinct()
                .toList();
        assertEquals(List.of("us-east-1 " + EAST, "us-west-2 " + WEST), asked);
    }

    @Test
    void textOutputIsTheHouseVoice() throws IOException {
        manifest("one-build.json");
        ec2.image("us-east-1", EAST, "available");
        CliRun run = run("--skip-chef");
        run.assertExit(0);
        assertEquals(
                List.of(
                        "Post-processing Packer build 'web' from packer-manifest.json (run"
                                + " 9f8e7d6c-0000-4000-8000-00000000000d).",
                        "Checking AMI " + EAST + ": Available",
                        "Ready: AMI_ID=" + EAST),
                List.of(run.outLines()));
    }

    @Test
    void jsonOutputIsOneDocumentWithEveryRegionsId() throws IOException {
        manifest("several-runs.json");
        ec2.image("us-east-1", EAST, "available").image("us-west-2", WEST, "available");
        CliRun run = run("--skip-chef", "--output", "json");
        run.assertExit(0);
        JsonNode document = new ObjectMapper().readTree(run.out());
        assertEquals("packer-postprocess", document.path("command").asText());
        assertEquals("ok", document.path("status").asText());
        assertEquals(
                EAST, document.path("result").path("amis").path("us-east-1").asText());
        assertEquals(
                WEST, document.path("result").path("amis").path("us-west-2").asText());
        assertEquals(EAST, document.path("result").path("amiId").asText());
        assertEquals("available", document.path("steps").path(1).path("outcome").asText());
        assertEquals("us-west-2", document.path("steps").path(1).path("region").asText());
    }

    @Test
    void writeEnvAppendsToAFileRelativeToTheWorkingDirectory() throws IOException {
        manifest("one-build.json");
        ec2.image("us-east-1", EAST, "available");
        Files.writeString(dir.resolve("build.env"), "BUILD_NUMBER=7\n");
        CliRun run = run("--skip-chef", "--write-env", "build.env");
        run.assertExit(0);
        assertEquals("BUILD_NUMBER=7\nAMI_ID=" + EAST + "\n", Files.readString(dir.resolve("build.env")));
    }

    @Test
    void tagsGoOnTheImageInEveryRegion() throws IOException {
        manifest("several-runs.json");
        ec2.image("us-east-1", EAST, "available").image("us-west-2", WEST, "available");
        CliRun run = run("--skip-chef", "--tag", "Role=web", "--tag", "Commit=7c1d0e2");
        run.assertExit(0);
        assertEquals(Map.of("Role", "web", "Commit", "7c1d0e2"), ec2.tagsOf("us-west-2", WEST));
        assertEquals(Map.of("Role", "web", "Commit", "7c1d0e2"), ec2.tagsOf("us-east-1", EAST));
    }

    @Test
    void failedAmiExitsOneAndHandsNothingOn() throws IOException {
        manifest("one-build.json");
        ec2.image("us-east-1", EAST, "failed");
        CliRun run = run("--skip-chef", "--output", "env");
        run.assertExit(1);
        assertEquals("", run.out());
        assertTrue(
                run.err().contains("Checking AMI " + EAST + ": Failed (failed in us-east-1: Snapshot copy failed."),
                run.err());
    }

    @Test
    void dryRunTagsNothingAndWritesNothing() throws IOException {
        manifest("one-build.json");
        ec2.image("us-east-1", EAST, "available");
        CliRun run = run("--skip-chef", "--dry-run", "--tag", "Role=web", "--write-env", "build.env");
        run.assertExit(0);
        assertTrue(
                ec2.requests().stream().noneMatch(c -> c.action().equals("CreateTags")),
                ec2.calls().toString());
        assertTrue(Files.notExists(dir.resolve("build.env")));
        assertTrue(run.out().contains("Would tag AMI " + EAST + ": Role=web"), run.out());
        assertTrue(run.out().contains("Would hand on: AMI_ID=" + EAST), run.out());
    }

    @Test
    void missingManifestIsOneLineNamingTheFile() {
        CliRun run = run("--skip-chef");
        run.assertExit(1);
        assertEquals(
                "asgchef packer-postprocess: No Packer manifest at " + dir.resolve("packer-manifest.json")
                        + ": run packer build with the manifest post-processor first, or point --manifest at the file"
                        + " its output setting names\n",
                run.err());
        assertTrue(ec2.calls().isEmpty());
    }

    @Test
    void invalidJsonIsOneLine() throws IOException {
        manifest("invalid.json");
        CliRun run = run("--skip-chef");
        run.assertExit(1);
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("is not valid JSON (line"), run.err());
    }

    @Test
    void buildWithoutNodeNameExplainsWhatToSetBeforeAnyCall() throws IOException {
        manifest("no-node-name.json");
        CliRun run = run();
        run.assertExit(1);
        assertTrue(run.err().contains("packer-<uuid>"), run.err());
        assertTrue(run.err().contains("custom_data { chef_node_name = ... }"), run.err());
        assertTrue(ec2.calls().isEmpty());
    }

    @Test
    void manifestOptionPointsElsewhere() throws IOException {
        PackerPostprocessCli.copyManifest("one-build.json", dir.resolve("build/manifest.json"));
        ec2.image("us-east-1", EAST, "available");
        CliRun run = run("--skip-chef", "--manifest", "build/manifest.json", "--output", "env");
        assertEquals("AMI_ID=" + EAST + "\n", run.out());
    }

    @Test
    void nodeNameAndSkipChefTogetherAreAUsageError() {
        CliRun run = run("--skip-chef", "--node-name", "web-1");
        run.assertExit(2);
        assertTrue(run.err().contains("--node-name and --skip-chef cannot be used together"), run.err());
    }

    @Test
    void reservedTagKeyIsAUsageError() {
        CliRun run = run("--skip-chef", "--tag", "aws:cloudformation=x");
        run.assertExit(2);
        assertTrue(run.err().contains("is not an EC2 tag"), run.err());
    }

    @Test
    void malformedWaitTimeoutIsAUsageError() {
        CliRun run = run("--skip-chef", "--wait-timeout", "soon");
        run.assertExit(2);
        assertTrue(run.err().contains("use a form like 30m"), run.err());
    }

    @Test
    void unknownOutputFormatListsTheChoices() {
        CliRun run = run("--skip-chef", "--output", "yaml");
        run.assertExit(2);
        assertTrue(run.err().contains("text, json, env"), run.err());
    }

    @Test
    void helpDescribesTheOptionsAndExitCodes() {
        CliRun run = new CliHarness(dir).run("packer-postprocess", "--help");
        run.assertExit(0);
        for (String option : List.of(
                "--manifest",
                "--build",
                "--node-name",
                "--skip-chef",
                "--tag",
                "--wait-timeout",
                "--write-env",
                "--output",
                "--dry-run",
                "--region",
                "--chef-server-url")) {
            assertTrue(run.out().contains(option), option + " missing from help");
        }
        assertTrue(run.out().contains("3   the AMIs are ready and handed on"), run.out());
    }

    @Test
    void reservedTagKeyInAnyCaseIsAUsageError() {
        CliRun run = run("--skip-chef", "--tag", "AWS:cloudformation=x");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("keys starting with aws: are reserved by AWS in any case"), run.err());
    }

    @Test
    void controlCharacterInATagIsAUsageError() {
        CliRun run = run("--skip-chef", "--tag", "Role=web\u001b[31m");
        assertEquals(2, run.exitCode());
        // Refused before parsing, as every argument of every command is (PrintableArguments).
        assertTrue(run.err().contains("contains a control character (U+001B)"), run.err());
    }
}
