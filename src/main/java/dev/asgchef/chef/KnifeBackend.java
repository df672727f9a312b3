package dev.asgchef.chef;

import dev.asgchef.InstanceId;
import dev.asgchef.chef.CleanupResult.Verdict;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code knife client delete NAME -y} and {@code knife node delete NAME -y}, for sites that want knife's
 * exact behaviour (its configuration, plugins, proxies). Each is one process started with an argument list: no shell,
 * no string interpolation, a node name can never become a second command. Targets are deleted by name: knife cannot
 * do asgchef's instance-id search or its ec2.instance_id check.
 */
public final class KnifeBackend implements NodeCleaner {
    private static final int OUTPUT_LINES_KEPT = 3;

    /**
     * @param executable the knife to run (an absolute path, already found)
     * @param options what goes after the subcommand for every call: {@code -c FILE}, {@code --profile NAME}, ...
     */
    public record Knife(Path executable, List<String> options, Duration timeout) {
        public Knife {
            options = List.copyOf(options);
        }
    }

    private final Knife knife;
    private final boolean dryRun;
    private final Reporter reporter;

    public KnifeBackend(Knife knife, boolean dryRun, Reporter reporter) {
        this.knife = knife;
        this.dryRun = dryRun;
        this.reporter = reporter;
    }

    @Override
    public CleanupResult clean(String target) {
        Optional<String> problem =
                InstanceId.isValid(target) ? Optional.empty() : NodeName.problem(String.valueOf(target));
        if (problem.isPresent()) {
            String shown = NodeName.printable(String.valueOf(target));
            step("Chef Client " + shown, Outcome.REFUSED, problem.get(), shown);
            step("Chef Node " + shown, Outcome.REFUSED, "nothing was deleted", shown);
            return new CleanupResult(
                    shown, Optional.empty(), Verdict.REFUSED, Outcome.SKIPPED, Outcome.SKIPPED, problem.get());
        }
        if (dryRun) {
            step("Chef Client " + target, Outcome.PLANNED, String.join(" ", command("client", target)), target);
            step("Chef Node " + target, Outcome.PLANNED, String.join(" ", command("node", target)), target);
            return new CleanupResult(
                    target, Optional.of(target), Verdict.WOULD_CLEAN, Outcome.PLANNED, Outcome.PLANNED, "");
        }
        Run client = run("client", target);
        step("Chef Client " + target, client.outcome(), client.reason(), target);
        if (client.outcome() == Outcome.FAILED || client.outcome() == Outcome.REFUSED) {
            step("Chef Node " + target, Outcome.SKIPPED, "left for a retry: its client is not deleted yet", target);
            Verdict verdict = client.outcome() == Outcome.REFUSED ? Verdict.REFUSED : Verdict.FAILED;
            return new CleanupResult(
                    target, Optional.of(target), verdict, client.outcome(), Outcome.SKIPPED, client.reason());
        }
        Run node = run("node", target);
        step("Chef Node " + target, node.outcome(), node.reason(), target);
        Verdict verdict = node.outcome() == Outcome.FAILED
                ? Verdict.FAILED
                : client.outcome() == Outcome.ALREADY_ABSENT && node.outcome() == Outcome.ALREADY_ABSENT
                        ? Verdict.ALREADY_ABSENT
                        : Verdict.CLEANED;
        return new CleanupResult(
                target,
                Optional.of(target),
                verdict,
                client.outcome(),
                node.outcome(),
                node.outcome() == Outcome.FAILED ? node.reason() : "");
    }

    private List<String> command(String kind, String name) {
        List<String> command = new ArrayList<>();
        command.add(knife.executable().toString());
        command.add(kind);
        command.add("delete");
        command.add(name);
        command.add("-y");
        command.addAll(knife.options());
        return command;
    }

    private record Run(Outcome outcome, String reason) {}

    private Run run(String kind, String name) {
        List<String> command = command(kind, name);
        Path output = null;
        try {
            output = Files.createTempFile("asgchef-knife", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            if (!process.waitFor(knife.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Run(
                        Outcome.FAILED,
                        "knife " + kind + " delete did not finish within "
                                + knife.timeout().toSeconds() + "s and was stopped");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            reporter.detail(String.join(" ", command) + " exited " + process.exitValue() + ": " + text.strip());
            return outcome(kind, process.exitValue(), text);
        } catch (IOException e) {
            return new Run(
                    Outcome.FAILED,
                    "cannot run " + knife.executable() + " (" + e.getMessage() + "): check" + " --knife=PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(Outcome.FAILED, "interrupted while knife was running");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A temporary log left behind is harmless.
                }
            }
        }
    }

    /** knife exits 0 on success and 100 on any error; "could not be found" is its 404. */
    private static Run outcome(String kind, int exit, String output) {
        if (exit == 0) {
            return new Run(Outcome.SUCCESS, null);
        }
        if (output.contains("could not be found")) {
            return new Run(Outcome.ALREADY_ABSENT, null);
        }
        String said = lastLines(output);
        if (output.contains("--delete-validators")) {
            return new Run(Outcome.REFUSED, "knife will not delete a validator client: " + said);
        }
        return new Run(
                Outcome.FAILED, "knife " + kind + " delete exited " + exit + (said.isEmpty() ? "" : ": " + said));
    }

    private static String lastLines(String output) {
        List<String> lines =
                output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> errors = lines.stream()
                .filter(l -> l.startsWith("ERROR:") || l.startsWith("FATAL:") || l.startsWith("Response:"))
                .toList();
        List<String> kept = errors.isEmpty() ? lines : errors;
        return NodeName.printable(
                String.join(" ", kept.subList(Math.max(0, kept.size() - OUTPUT_LINES_KEPT), kept.size())));
    }

    private void step(String subject, Outcome outcome, String reason, String name) {
        reporter.step(new Step(Action.DELETE, subject, outcome, reason, null)
                .with("kind", subject.startsWith("Chef Client") ? "client" : "node")
                .with("name", name)
                .with("backend", "knife"));
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
