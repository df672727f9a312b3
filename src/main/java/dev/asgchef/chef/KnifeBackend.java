package dev.asgchef.chef;

import dev.asgchef.AsgchefException;
import dev.asgchef.InstanceId;
import dev.asgchef.chef.CleanupResult.Verdict;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.io.File;
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
 * Runs the real {@code knife client delete -y OPTIONS -- NAME} and {@code knife node delete -y OPTIONS -- NAME}, for
 * sites that want knife's exact behaviour (its configuration, plugins, proxies). Each is one process started with an
 * argument list: no shell, no string interpolation, a node name can never become a second command, and after
 * {@code --} (where knife's option parser stops) a name starting with {@code -} can never become an option.
 *
 * <p>Targets are deleted by name: knife cannot do asgchef's instance-id search or its ec2.instance_id check. So an
 * instance id is deleted only under {@link Lookup#NAME}, where the operator has said nodes are named after instance
 * ids; otherwise "no node by that name" could not be told from "named by hostname" and would be reported as gone.
 */
final class KnifeBackend implements NodeCleaner {
    private static final int OUTPUT_LINES_KEPT = 3;

    /**
     * @param executable the knife to run (an absolute path, already found)
     * @param options what goes after the subcommand for every call: {@code -c FILE}, {@code --profile NAME}, ...
     */
    record Knife(Path executable, List<String> options, Duration timeout) {
        public Knife {
            options = List.copyOf(options);
        }
    }

    /**
     * Ends knife and every process it started (knife's ruby, a plugin, ssh): the tree is read before anything is ended,
     * because a child whose parent died is re-parented and no longer found among its descendants.
     */
    static void stopTree(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * The knife to run: a path as given (relative to the working directory), or a bare name looked up on the
     * invocation's PATH.
     */
    static Path locate(String knife, ChefConfig.Sources sources) {
        if (knife.contains("/") || knife.contains(File.separator)) {
            Path path = sources.workingDirectory().resolve(knife);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new AsgchefException("--knife-path " + path + " is not an executable file: give the path of knife"
                        + " (e.g. /opt/chef-workstation/bin/knife)");
            }
            return path;
        }
        String searchPath = sources.env().getOrDefault("PATH", "");
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir).resolve(knife);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new AsgchefException("'" + knife + "' is not on PATH: install Chef Workstation, or give knife's path"
                + " with --knife-path PATH");
    }

    /** knife finds its own configuration as asgchef does; the settings given as flags are passed on so both agree. */
    static List<String> options(ChefConfig.Sources sources) {
        List<String> options = new ArrayList<>();
        if (sources.explicitConfig() != null) {
            options.add("--config");
            options.add(
                    sources.workingDirectory().resolve(sources.explicitConfig()).toString());
        }
        if (sources.profile() != null) {
            options.add("--profile");
            options.add(sources.profile());
        }
        if (sources.serverUrl() != null) {
            options.add("--server-url");
            options.add(sources.serverUrl());
        }
        if (sources.user() != null) {
            options.add("--user");
            options.add(sources.user());
        }
        if (sources.key() != null) {
            options.add("--key");
            options.add(sources.workingDirectory().resolve(sources.key()).toString());
        }
        return options;
    }

    private final Knife knife;
    private final Lookup lookup;
    private final boolean dryRun;
    private final Reporter reporter;

    /** @param lookup {@link Lookup#NAME} lets an instance id be a node name; search is not knife's to do */
    KnifeBackend(Knife knife, Lookup lookup, boolean dryRun, Reporter reporter) {
        if (lookup == Lookup.SEARCH) {
            throw new IllegalArgumentException("knife cannot search for nodes");
        }
        this.knife = knife;
        this.lookup = lookup;
        this.dryRun = dryRun;
        this.reporter = reporter;
    }

    @Override
    public CleanupResult clean(String target) {
        Optional<String> problem =
                InstanceId.isValid(target) ? byInstanceId(target) : NodeName.problem(String.valueOf(target));
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

    /** Under any lookup but NAME an instance id's node may be named by hostname, which knife cannot find. */
    private Optional<String> byInstanceId(String instance) {
        return lookup == Lookup.NAME
                ? Optional.empty()
                : Optional.of("--knife deletes by name only and cannot search for the node of " + instance
                        + ": pass --lookup name if nodes are named after their instance ids, or drop --knife to"
                        + " search");
    }

    private List<String> command(String kind, String name) {
        List<String> command = new ArrayList<>();
        command.add(knife.executable().toString());
        command.add(kind);
        command.add("delete");
        command.add("-y");
        command.addAll(knife.options());
        command.add("--"); // knife's OptionParser stops here: a name like "--delete-validators" stays a name
        command.add(name);
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
                stopTree(process);
                return new Run(
                        Outcome.FAILED,
                        "knife " + kind + " delete did not finish within "
                                + knife.timeout().toSeconds() + "s and was stopped");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            reporter.detail(String.join(" ", command) + " exited " + process.exitValue() + ": " + text.strip());
            return outcome(kind, name, process.exitValue(), text);
        } catch (IOException e) {
            return new Run(
                    Outcome.FAILED,
                    "cannot run " + knife.executable() + " (" + e.getMessage() + "): check" + " --knife-path");
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

    /**
     * knife exits 0 on success and 100 on any error. Its 404 is "ERROR: The object you are looking for could not be
     * found" followed by "Response: " and the server's message; only erchef's message for this very object is
     * absence, as "could not be found" alone is also what an unknown organization or a wrong URL gets.
     */
    private static Run outcome(String kind, String name, int exit, String output) {
        if (exit == 0) {
            return new Run(Outcome.SUCCESS, null);
        }
        List<String> lines = output.lines()
                .map(l -> l.replaceAll("\\u001B\\[[0-9;]*m", "").strip())
                .toList();
        List<String> absent = ChefFailures.notFoundMessages(kind, new NodeName(name)).stream()
                .map(message -> "Response: " + message)
                .toList();
        if (lines.stream().anyMatch(absent::contains)) {
            return new Run(Outcome.ALREADY_ABSENT, null);
        }
        String said = lastLines(output);
        if (lines.stream().anyMatch(l -> l.startsWith("FATAL: You must specify --delete-validators"))) {
            return new Run(Outcome.REFUSED, "knife will not delete a validator client: " + said);
        }
        if (lines.stream().anyMatch(l -> l.endsWith("could not be found"))) {
            return new Run(
                    Outcome.FAILED,
                    "knife " + kind + " delete got a 404 that is not Chef's not-found for " + kind + " " + name + " ("
                            + said + "): check chef_server_url in knife's configuration (it must be"
                            + " https://HOST/organizations/ORG, of an organization that exists)");
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
