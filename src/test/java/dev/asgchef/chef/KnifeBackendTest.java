package dev.asgchef.chef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.chef.CleanupResult.Verdict;
import dev.asgchef.report.Outcome;
import dev.asgchef.testing.FakeKnife;
import dev.asgchef.testing.RecordingReporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnifeBackendTest {
    private static final String I = "i-0abc1234def567890";

    @TempDir
    Path directory;

    private final RecordingReporter reporter = new RecordingReporter();

    private KnifeBackend backend(FakeKnife knife, Duration timeout, boolean dryRun) {
        return new KnifeBackend(
                new KnifeBackend.Knife(knife.executable(), List.of("--config", "/etc/chef/knife.rb"), timeout),
                dryRun,
                reporter);
    }

    private KnifeBackend backend(FakeKnife knife) {
        return backend(knife, Duration.ofSeconds(30), false);
    }

    @Test
    void runsKnifeClientDeleteThenNodeDeleteWithAnArgumentList() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));

        CleanupResult result = backend(knife).clean(I);

        assertEquals(Verdict.CLEANED, result.verdict());
        assertEquals(
                List.of(
                        List.of("client", "delete", I, "-y", "--config", "/etc/chef/knife.rb"),
                        List.of("node", "delete", I, "-y", "--config", "/etc/chef/knife.rb")),
                knife.calls());
        assertEquals(
                List.of("Deleting Chef Client " + I + ": Success", "Deleting Chef Node " + I + ": Success"),
                reporter.lines());
    }

    @Test
    void knifesNotFoundCountsAsAlreadyAbsent() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));
        knife.answer(
                "node",
                100,
                "ERROR: The object you are looking for could not be found\nResponse: node '" + I + "' not found\n");

        CleanupResult result = backend(knife).clean(I);

        assertEquals(Verdict.CLEANED, result.verdict());
        assertEquals(Outcome.ALREADY_ABSENT, result.node());
    }

    @Test
    void aKnifeErrorIsReportedWithKnifesOwnLinesAndTheNodeIsLeft() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));
        knife.answer(
                "client",
                100,
                "WARNING: something\nERROR: You authenticated successfully to https://chef as"
                        + " ci-bot but you are not authorized for this action.\nResponse: missing delete permission\n");

        CleanupResult result = backend(knife).clean(I);

        assertEquals(Verdict.FAILED, result.verdict());
        assertEquals(
                "knife client delete exited 100: ERROR: You authenticated successfully to https://chef as ci-bot but"
                        + " you are not authorized for this action. Response: missing delete permission",
                result.reason());
        assertEquals(1, knife.calls().size(), "no node delete after the client failed");
        assertEquals(Outcome.SKIPPED, result.node());
    }

    @Test
    void knifesValidatorRefusalIsARefusal() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));
        knife.answer(
                "client",
                2,
                "FATAL: You must specify --delete-validators to delete the validator client" + " acme-validator\n");

        CleanupResult result = backend(knife).clean("acme-validator");

        assertEquals(Verdict.REFUSED, result.verdict());
    }

    @Test
    void aKnifeThatHangsIsStoppedAtTheTimeout() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));
        knife.stall("client", 30);

        CleanupResult result = backend(knife, Duration.ofMillis(300), false).clean(I);

        assertEquals(Verdict.FAILED, result.verdict());
        assertTrue(result.reason().startsWith("knife client delete did not finish within"), result.reason());
    }

    @Test
    void aNameThatCouldMeanSomethingToAShellNeverReachesKnife() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));

        CleanupResult result = backend(knife).clean("web-1;touch${IFS}pwned");

        assertEquals(Verdict.REFUSED, result.verdict());
        assertEquals(List.of(), knife.calls());
    }

    @Test
    void aDryRunRunsNothingAndShowsTheCommands() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));

        CleanupResult result = backend(knife, Duration.ofSeconds(5), true).clean(I);

        assertEquals(Verdict.WOULD_CLEAN, result.verdict());
        assertEquals(List.of(), knife.calls());
        assertEquals(
                "Would delete Chef Client " + I + ": " + knife.executable() + " client delete " + I
                        + " -y --config /etc/chef/knife.rb",
                reporter.lines().get(0));
    }

    @Test
    void aKnifeThatCannotRunIsAFailureNamingIt() {
        KnifeBackend backend = new KnifeBackend(
                new KnifeBackend.Knife(directory.resolve("missing/knife"), List.of(), Duration.ofSeconds(5)),
                false,
                reporter);

        CleanupResult result = backend.clean(I);

        assertEquals(Verdict.FAILED, result.verdict());
        assertTrue(result.reason().startsWith("cannot run " + directory.resolve("missing/knife")), result.reason());
    }
}
