package dev.asgchef.chef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.chef.CleanupResult.Verdict;
import dev.asgchef.report.Outcome;
import dev.asgchef.testing.FakeKnife;
import dev.asgchef.testing.RecordingReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnifeBackendTest {
    private static final String I = "i-0abc1234def567890";

    @TempDir
    Path directory;

    private final RecordingReporter reporter = new RecordingReporter();

    private KnifeBackend backend(FakeKnife knife, Duration timeout, boolean dryRun) {
        return backend(knife, Lookup.NAME, timeout, dryRun);
    }

    private KnifeBackend backend(FakeKnife knife, Lookup lookup, Duration timeout, boolean dryRun) {
        return new KnifeBackend(
                new KnifeBackend.Knife(knife.executable(), List.of("--config", "/etc/chef/knife.rb"), timeout),
                lookup,
                dryRun,
                reporter);
    }

    /** What knife prints for a 404 (Chef::Knife#humanize_http_exception): its ERROR line, then the server's message. */
    private static String knife404(String response) {
        return "ERROR: The object you are looking for could not be found\nResponse: " + response + "\n";
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
                        List.of("client", "delete", "-y", "--config", "/etc/chef/knife.rb", "--", I),
                        List.of("node", "delete", "-y", "--config", "/etc/chef/knife.rb", "--", I)),
                knife.calls());
        assertEquals(
                List.of("Deleting Chef Client " + I + ": Success", "Deleting Chef Node " + I + ": Success"),
                reporter.lines());
    }

    @Test
    void knifesNotFoundCountsAsAlreadyAbsent() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));
        knife.answer("node", 100, knife404("node '" + I + "' not found"));

        CleanupResult result = backend(knife).clean(I);

        assertEquals(Verdict.CLEANED, result.verdict());
        assertEquals(Outcome.ALREADY_ABSENT, result.node());
    }

    @Test
    void knifesNotFoundForTheClientIsErchefsCannotLoadClient() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));
        knife.answer("client", 100, knife404("Cannot load client " + I));
        knife.answer("node", 100, knife404("node '" + I + "' not found"));

        CleanupResult result = backend(knife).clean(I);

        assertEquals(Verdict.ALREADY_ABSENT, result.verdict());
        assertEquals(Outcome.ALREADY_ABSENT, result.client());
    }

    @Test
    void knifes404ForAnUnknownOrganizationIsAFailureNotAbsence() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));
        knife.answer("client", 100, knife404("organization 'acmee' does not exist."));

        CleanupResult result = backend(knife).clean(I);

        assertEquals(Verdict.FAILED, result.verdict());
        assertEquals(Outcome.FAILED, result.client());
        assertTrue(result.reason().contains("organization 'acmee' does not exist."), result.reason());
        assertTrue(result.reason().contains("check chef_server_url"), result.reason());
        assertEquals(1, knife.calls().size(), "the node is left for a retry");
    }

    @Test
    void knifes404ForAnotherObjectOrAWebPageIsAFailure() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));
        knife.answer("client", 100, knife404("Cannot load client web-2"));
        knife.answer("node", 100, knife404("<html><head><title>404 Not Found</title></head></html>"));

        CleanupResult client = backend(knife).clean("web-1");
        knife.answer("client", 0, "Deleted client[web-1]\n");
        CleanupResult node = backend(knife).clean("web-1");

        assertEquals(Outcome.FAILED, client.client());
        assertEquals(Outcome.FAILED, node.node());
        assertEquals(Verdict.FAILED, node.verdict());
    }

    @Test
    void theNameComesAfterDoubleDashSoItCannotBeAKnifeOption() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));

        backend(knife).clean("--delete-validators");

        assertEquals(
                List.of(
                        List.of(
                                "client",
                                "delete",
                                "-y",
                                "--config",
                                "/etc/chef/knife.rb",
                                "--",
                                "--delete-validators"),
                        List.of("node", "delete", "-y", "--config", "/etc/chef/knife.rb", "--", "--delete-validators")),
                knife.calls());
    }

    @Test
    void anInstanceIdIsRefusedWithoutRunningKnifeUnlessLookupIsName() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));

        CleanupResult result =
                backend(knife, Lookup.AUTO, Duration.ofSeconds(5), false).clean(I);

        assertEquals(Verdict.REFUSED, result.verdict());
        assertTrue(result.reason().contains("pass --lookup name"), result.reason());
        assertEquals(List.of(), knife.calls());
        assertEquals(
                List.of(
                        "Deleting Chef Client " + I + ": Refused (" + result.reason() + ")",
                        "Deleting Chef Node " + I + ": Refused (nothing was deleted)"),
                reporter.lines());
    }

    @Test
    void aNodeNameNeedsNoLookupNameWithKnife() {
        FakeKnife knife = new FakeKnife(directory.resolve("bin"));

        CleanupResult result =
                backend(knife, Lookup.AUTO, Duration.ofSeconds(5), false).clean("web-1");

        assertEquals(Verdict.CLEANED, result.verdict());
        assertEquals(2, knife.calls().size());
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
    void aKnifeThatTimesOutHasItsWholeProcessTreeEnded() throws Exception {
        // knife is a ruby started by a wrapper script; the child here stands for it and must not outlive the timeout.
        Path script = directory.resolve("knife-with-child");
        Path childPid = directory.resolve("child.pid");
        Files.writeString(script, "#!/bin/sh\nsleep 60 &\necho $! > '" + childPid + "'\nwait\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        KnifeBackend backend = new KnifeBackend(
                new KnifeBackend.Knife(script, List.of(), Duration.ofMillis(500)), Lookup.NAME, false, reporter);

        CleanupResult result = backend.clean("web-1");

        assertEquals(Verdict.FAILED, result.verdict());
        long pid = Long.parseLong(Files.readString(childPid).strip());
        Optional<ProcessHandle> child = ProcessHandle.of(pid);
        if (child.isPresent()) {
            child.get().onExit().get(10, TimeUnit.SECONDS); // ending is asynchronous; bounded, not a sleep
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "knife's child " + pid);
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
                "Would delete Chef Client " + I + ": " + knife.executable()
                        + " client delete -y --config /etc/chef/knife.rb -- " + I,
                reporter.lines().get(0));
    }

    @Test
    void aKnifeThatCannotRunIsAFailureNamingIt() {
        KnifeBackend backend = new KnifeBackend(
                new KnifeBackend.Knife(directory.resolve("missing/knife"), List.of(), Duration.ofSeconds(5)),
                Lookup.NAME,
                false,
                reporter);

        CleanupResult result = backend.clean(I);

        assertEquals(Verdict.FAILED, result.verdict());
        assertTrue(result.reason().startsWith("cannot run " + directory.resolve("missing/knife")), result.reason());
    }
}
