package dev.asgchef.packer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.AsgchefException;
import dev.asgchef.chef.CleanupResult;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.report.JsonReporter;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.TextReporter;
import dev.asgchef.report.Verbosity;
import dev.asgchef.testing.FakeEc2;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;

class PackerPostprocessTest {
    private static final String WEB = "ami-0ccc3333dddd44445";
    private static final String WEST = "ami-0eee5555ffff66667";

    @TempDir
    Path dir;

    private final FakeEc2 east = new FakeEc2();
    private final FakeEc2 west = new FakeEc2();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> cleaned = new ArrayList<>();
    private Reporter reporter =
            new TextReporter(new PrintWriter(out), new PrintWriter(err), Verbosity.NORMAL, false, false);
    private NodeCleaner cleaner = target -> {
        cleaned.add(target);
        return result(target, CleanupResult.Verdict.CLEANED);
    };
    /** How the use case opens Chef: by default it gets {@link #cleaner}. */
    private Supplier<NodeCleaner> openChef = () -> cleaner;

    private Supplier<Optional<String>> homeRegion = () -> Optional.of("us-east-1");

    private static CleanupResult result(String node, CleanupResult.Verdict verdict) {
        Outcome outcome = verdict == CleanupResult.Verdict.FAILED ? Outcome.FAILED : Outcome.SUCCESS;
        return new CleanupResult(node, Optional.of(node), verdict, outcome, outcome, "");
    }

    private PostprocessResult run(Requests requests) {
        PostprocessRequest request = requests.get();
        AmiChecker amis = new AmiChecker(
                region -> region.equals("us-east-1") ? east : west,
                BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(1)),
                Clock.systemUTC());
        PostprocessResult result =
                new PackerPostprocess(amis, openChef, homeRegion, reporter, Clock.systemUTC()).run(request);
        reporter.finish(result.exitCode());
        return result;
    }

    private static Requests request(String fixture) {
        return Requests.of(fixture);
    }

    private void images(FakeEc2 ec2, String id, ImageState... states) {
        ec2.image(Arrays.stream(states).map(s -> Images.inState(id, s)).toArray(Image[]::new));
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void oneBuildIsCheckedCleanedAndHandedOn() {
        images(east, WEB, ImageState.PENDING, ImageState.AVAILABLE);
        PostprocessResult result = run(request("one-build.json"));
        assertEquals(0, result.exitCode());
        assertEquals(List.of("AMI_ID=" + WEB), result.amiVariables().lines());
        assertEquals(List.of("packer-web-9f8e7d6c"), cleaned);
        assertEquals(
                List.of(
                        "Post-processing Packer build 'web' from one-build.json (run"
                                + " 9f8e7d6c-0000-4000-8000-00000000000d).",
                        "Checking AMI " + WEB + ": Available",
                        "Ready: AMI_ID=" + WEB),
                lines());
    }

    @Test
    void everyRegionIsCheckedAndHandedOn() {
        images(east, WEB, ImageState.AVAILABLE);
        images(west, WEST, ImageState.PENDING, ImageState.PENDING, ImageState.AVAILABLE);
        PostprocessResult result = run(request("several-runs.json"));
        assertEquals(0, result.exitCode());
        assertEquals(
                List.of("AMI_ID=" + WEB, "AMI_ID_US_EAST_1=" + WEB, "AMI_ID_US_WEST_2=" + WEST),
                result.amiVariables().lines());
        assertTrue(lines().contains("Checking AMI " + WEST + ": Available"), out.toString());
    }

    @Test
    void failedAmiFailsTheRunHandsNothingOnButStillRemovesTheNode() {
        east.image(Images.failed(WEB, "snapshot copy failed"));
        PostprocessResult result = run(request("one-build.json"));
        assertEquals(1, result.exitCode());
        assertTrue(result.amiVariables().isEmpty());
        assertTrue(
                lines().contains("Checking AMI " + WEB + ": Failed (failed in us-east-1: snapshot copy failed. Build it"
                        + " again with packer build)"),
                out.toString());
        assertEquals(List.of("packer-web-9f8e7d6c"), cleaned, "the build node is garbage either way");
        assertTrue(lines().contains("Nothing handed on: 1 of 1 AMIs is not available."), out.toString());
    }

    @Test
    void missingAmiInOneRegionFailsTheRun() {
        images(east, WEB, ImageState.AVAILABLE);
        west.failOn("describeImages", Images.error("InvalidAMIID.NotFound", 400));
        PostprocessResult result = run(request("several-runs.json").waitTimeout(Duration.ofMillis(50)));
        assertEquals(1, result.exitCode());
        assertTrue(
                out.toString().contains("Checking AMI " + WEST + ": Failed (not found in us-west-2 after"),
                out.toString());
    }

    @Test
    void chefFailureLeavesTheAmiHandedOnAndExitsPartial() {
        images(east, WEB, ImageState.AVAILABLE);
        cleaner = target -> result(target, CleanupResult.Verdict.FAILED);
        PostprocessResult result = run(request("one-build.json"));
        assertEquals(3, result.exitCode());
        assertEquals(List.of("AMI_ID=" + WEB), result.amiVariables().lines());
        assertTrue(err.toString().contains("asgchef cleanup-node packer-web-9f8e7d6c"), err.toString());
    }

    @Test
    void nodeAlreadyRemovedByPackerIsSuccess() {
        images(east, WEB, ImageState.AVAILABLE);
        cleaner = target -> result(target, CleanupResult.Verdict.ALREADY_ABSENT);
        assertEquals(0, run(request("one-build.json")).exitCode());
    }

    @Test
    void skipChefNeverOpensTheCleaner() {
        images(east, WEB, ImageState.AVAILABLE);
        openChef = () -> {
            throw new AssertionError("the cleaner was opened");
        };
        assertEquals(0, run(request("no-node-name.json").skipChef()).exitCode());
    }

    @Test
    void chefIsOpenedBeforeAnyAmiIsAsked() {
        openChef = () -> {
            throw new AsgchefException("no Chef configuration found");
        };
        assertThrows(AsgchefException.class, () -> run(request("one-build.json")));
        assertEquals(List.of(), east.operations());
    }

    @Test
    void manifestProblemsStopBeforeAwsOrChef() {
        cleaner = target -> {
            throw new AssertionError("Chef was called");
        };
        assertThrows(AsgchefException.class, () -> run(request("no-ami.json")));
        assertEquals(List.of(), east.operations());
        assertEquals(List.of(), west.operations());
    }

    @Test
    void tagsAreAppliedToEveryRegionsImage() {
        images(east, WEB, ImageState.AVAILABLE);
        images(west, WEST, ImageState.AVAILABLE);
        PostprocessResult result = run(request("several-runs.json").tags(Map.of("Role", "web")));
        assertEquals(0, result.exitCode());
        assertEquals(1, east.count("createTags"));
        assertEquals(1, west.count("createTags"));
        assertTrue(lines().contains("Tagging AMI " + WEST + ": Success"), out.toString());
    }

    @Test
    void deniedTaggingFailsTheRun() {
        images(east, WEB, ImageState.AVAILABLE);
        east.failOn("createTags", Images.error("UnauthorizedOperation", 403));
        PostprocessResult result = run(request("one-build.json").tags(Map.of("Role", "web")));
        assertEquals(1, result.exitCode());
        assertTrue(
                out.toString().contains("Tagging AMI " + WEB + ": Failed (AWS: UnauthorizedOperation"), out.toString());
    }

    @Test
    void failedImageIsNotTagged() {
        east.image(Images.failed(WEB, "boom"));
        run(request("one-build.json").tags(Map.of("Role", "web")));
        assertEquals(0, east.count("createTags"));
        assertTrue(lines().contains("Tagging AMI " + WEB + ": Skipped (not available)"), out.toString());
    }

    @Test
    void envFileGetsTheLinesAppended() throws IOException {
        images(east, WEB, ImageState.AVAILABLE);
        Path file = Files.writeString(dir.resolve("ci.env"), "EARLIER=1");
        run(request("one-build.json").envFile(file));
        assertEquals("EARLIER=1\nAMI_ID=" + WEB + "\n", Files.readString(file));
        assertTrue(lines().contains("Writing Env File " + file + ": Success"), out.toString());
    }

    @Test
    void unwritableEnvFileFailsTheRun() {
        images(east, WEB, ImageState.AVAILABLE);
        Path file = dir.resolve("missing-dir").resolve("ci.env");
        PostprocessResult result = run(request("one-build.json").envFile(file));
        assertEquals(1, result.exitCode());
        assertTrue(result.amiVariables().isEmpty());
    }

    @Test
    void dryRunChangesNothingAndSaysWhatItWould() throws IOException {
        images(east, WEB, ImageState.PENDING);
        Path file = dir.resolve("ci.env");
        Requests request = request("one-build.json")
                .tags(Map.of("Role", "web"))
                .envFile(file)
                .dryRun();
        cleaner = target -> result(target, CleanupResult.Verdict.WOULD_CLEAN);
        PostprocessResult result = run(request);
        assertEquals(0, result.exitCode());
        assertEquals(0, east.count("createTags"));
        assertFalse(Files.exists(file));
        assertEquals(
                List.of(
                        "Post-processing Packer build 'web' from one-build.json (run"
                                + " 9f8e7d6c-0000-4000-8000-00000000000d).",
                        "Would check AMI " + WEB + ": pending in us-east-1; a real run waits up to 30m for it",
                        "Would tag AMI " + WEB + ": Role=web",
                        "Would write Env File " + file + ": AMI_ID=" + WEB,
                        "Would hand on: AMI_ID=" + WEB),
                lines());
    }

    @Test
    void severalRegionsWithoutHomeRegionWarnThatAmiIdIsUnset() {
        images(east, WEB, ImageState.AVAILABLE);
        images(west, WEST, ImageState.AVAILABLE);
        homeRegion = () -> Optional.of("eu-central-1");
        PostprocessResult result = run(request("several-runs.json"));
        assertEquals(
                List.of("AMI_ID_US_EAST_1=" + WEB, "AMI_ID_US_WEST_2=" + WEST),
                result.amiVariables().lines());
        assertTrue(err.toString().contains("AMI_ID is not set"), err.toString());
        assertTrue(err.toString().contains("eu-central-1"), err.toString());
    }

    @Test
    void severalBuildsAreEachFinished() {
        images(east, WEB, ImageState.AVAILABLE);
        images(east, "ami-0ddd4444eeee55556", ImageState.AVAILABLE);
        PostprocessResult result = run(request("several-builds.json"));
        assertEquals(0, result.exitCode());
        assertEquals(List.of("packer-web-9f8e7d6c", "packer-worker-9f8e7d6c"), cleaned);
        assertEquals(
                List.of("WEB_AMI_ID=" + WEB, "WORKER_AMI_ID=ami-0ddd4444eeee55556"),
                result.amiVariables().lines());
        assertTrue(lines().get(0).startsWith("Post-processing Packer builds 'web', 'worker' from"), out.toString());
    }

    @Test
    void jsonDocumentHasEveryRegionsIdAndTheHandoff() throws IOException {
        images(east, WEB, ImageState.AVAILABLE);
        images(west, WEST, ImageState.AVAILABLE);
        reporter = new JsonReporter(new PrintWriter(out), new PrintWriter(err), "packer-postprocess", false);
        run(request("several-runs.json"));
        JsonNode result = new ObjectMapper().readTree(out.toString()).path("result");
        assertEquals(WEB, result.path("amiId").asText());
        assertEquals(WEB, result.path("amis").path("us-east-1").asText());
        assertEquals(WEST, result.path("amis").path("us-west-2").asText());
        assertEquals(WEST, result.path("env").path("AMI_ID_US_WEST_2").asText());
        JsonNode build = result.path("builds").path(0);
        assertEquals("web", build.path("name").asText());
        assertEquals("packer-web-9f8e7d6c", build.path("nodeName").asText());
        assertEquals("cleaned", build.path("chef").asText());
        assertEquals("available", build.path("images").path(1).path("state").asText());
        assertEquals("9f8e7d6c-0000-4000-8000-00000000000d", result.path("run").asText());
    }

    @Test
    void homeRegionIsAskedOnlyWhenABuildHasSeveralRegions() {
        images(east, WEB, ImageState.AVAILABLE);
        homeRegion = () -> {
            throw new AssertionError("region chain consulted for a one-region build");
        };
        assertEquals(0, run(request("one-build.json")).exitCode());
    }
}
