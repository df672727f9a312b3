package dev.asgchef.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs an installed asgchef (or a tool on it) as a fresh shell on a host would: a clean environment, a temporary home,
 * and a PATH of a directory that holds only the tools named, so Maven (and, for the tarball, Java) is not on it.
 */
final class Installed {
    static final String VERSION = System.getProperty("asgchef.version", "0.1.0");
    static final Path BUILD = Path.of(System.getProperty("asgchef.build", "target"));
    static final Path SHARED_CACHE = BUILD.resolve("installed-forms-cache").toAbsolutePath();
    static final String DRY_RUN = "create-asg haproxy ami-0abcdef1234567890 staging --dry-run";

    /** What the launcher and make-cds-archive call, besides java. */
    private static final List<String> LAUNCHER_TOOLS =
            List.of("env", "bash", "readlink", "stat", "mkdir", "mv", "rm", "mktemp", "sort", "grep", "head", "wc");

    record Result(int exitCode, String out, String err) {
        Result succeeded() {
            assertEquals(0, exitCode, "exit code; stderr:\n" + err + "\nstdout:\n" + out);
            return this;
        }
    }

    private final Path home;
    private final Path bin;
    private final Map<String, String> variables = new HashMap<>();

    /** A host whose PATH holds the launcher's tools, plus java when withJava. */
    Installed(Path scratch, boolean withJava) throws IOException {
        this.home = Files.createDirectories(scratch.resolve("home"));
        // Made once under target/, not in a test's temporary directory, whose clean-up warns about each link.
        this.bin = Files.createDirectories(BUILD.resolve("installed-forms-path/" + (withJava ? "with-java" : "no-java"))
                .toAbsolutePath());
        List<String> tools = new ArrayList<>(LAUNCHER_TOOLS);
        if (withJava) {
            tools.add("java");
        }
        for (String tool : tools) {
            if (!Files.exists(bin.resolve(tool), LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(bin.resolve(tool), which(tool));
            }
        }
        variables.put("PATH", bin.toString());
        variables.put("HOME", home.toString());
        variables.put("LANG", "C.UTF-8");
        variables.put("AWS_EC2_METADATA_DISABLED", "true");
        // One start-up archive per installed form for all tests (each form's first run makes it, a few seconds);
        // the test of that first run gives its host a cache of its own.
        variables.put("XDG_CACHE_HOME", SHARED_CACHE.toString());
    }

    Installed env(String name, String value) {
        variables.put(name, value);
        return this;
    }

    Path home() {
        return home;
    }

    /** Runs the command line in the home directory. */
    Result run(String... command) throws IOException, InterruptedException {
        return run(home, command);
    }

    Result run(Path workingDirectory, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(variables);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 120 s");
        }
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    /** Runs a build tool with the test's own PATH (tar, dpkg-deb, man, lintian, zsh). */
    static Result tool(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes());
        String err = new String(process.getErrorStream().readAllBytes());
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Result(process.exitValue(), out, err);
    }

    static boolean onPath(String tool) {
        return whichOrNull(tool) != null;
    }

    static Path which(String tool) {
        Path found = whichOrNull(tool);
        assertTrue(found != null, tool + " is not on PATH");
        return found;
    }

    private static Path whichOrNull(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The files both artifacts hold under their prefix (the package's ./usr/, the tarball's top directory): every
     * generated man page, the bash completion, the systemd units and examples/, the copyright and changelog.
     */
    static TreeSet<String> sharedFiles(String prefix) throws IOException {
        TreeSet<String> files = new TreeSet<>();
        for (String file : List.of(
                "share/bash-completion/completions/asgchef",
                "share/doc/asgchef/copyright",
                "share/doc/asgchef/changelog.gz",
                "share/doc/asgchef/README.md")) {
            files.add(prefix + file);
        }
        manPages().forEach(page -> files.add(prefix + "share/man/man1/" + page));
        units().forEach(unit -> files.add(prefix + "lib/systemd/system/" + unit));
        examples().forEach(file -> files.add(prefix + "share/doc/asgchef/examples/" + file));
        return files;
    }

    /** The man pages the build generated, one per command: what both artifacts must ship. */
    static List<String> manPages() throws IOException {
        try (Stream<Path> pages = Files.list(BUILD.resolve("generated-docs/docs/man"))) {
            return pages.map(p -> p.getFileName().toString().replaceFirst("\\.adoc$", ".1.gz"))
                    .sorted()
                    .toList();
        }
    }

    /** The commands, as named by their generated man pages (asgchef-COMMAND). */
    static List<String> commands() throws IOException {
        return manPages().stream()
                .filter(page -> page.startsWith("asgchef-"))
                .map(page -> page.substring("asgchef-".length(), page.length() - ".1.gz".length()))
                .toList();
    }

    /** Every file under examples/, relative to it. */
    static List<String> examples() throws IOException {
        Path examples = Path.of("examples");
        try (Stream<Path> files = Files.walk(examples)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> examples.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    /** The systemd units in examples/systemd. */
    static List<String> units() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("examples/systemd"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".service") || n.endsWith(".timer"))
                    .sorted()
                    .toList();
        }
    }
}
