package dev.asgchef.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.asgchef.install.Installed.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every installed form of asgchef must do; each artifact's test unpacks it and says where its files are. */
abstract class InstalledFormTests {
    @TempDir
    Path scratch;

    /** The command an operator types: /usr/bin/asgchef, or the tarball's bin/asgchef. */
    abstract Path launcher();

    /** The tree's usr/ or the tarball's top directory: where share/ is. */
    abstract Path prefix();

    /** A host as this form expects it: with Java on PATH for the package, with none for the tarball. */
    abstract Installed host(Path scratch) throws IOException;

    abstract Path zshCompletion();

    private Result asgchef(String... args) throws IOException, InterruptedException {
        return host(scratch).run(command(launcher(), args));
    }

    static String[] command(Path launcher, String... args) {
        return Stream.concat(Stream.of(launcher.toString()), Stream.of(args)).toArray(String[]::new);
    }

    @Test
    void versionPrintsThePomVersion() throws Exception {
        assertEquals(
                "asgchef " + Installed.VERSION,
                asgchef("--version").succeeded().out().trim());
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        String out = asgchef("--help").succeeded().out();
        for (String command : Installed.commands()) {
            assertTrue(out.contains("  " + command + " "), command + " missing from:\n" + out);
        }
    }

    @Test
    void readmeDryRunPrintsThePlanAndChangesNothing() throws Exception {
        Result run = asgchef(Installed.DRY_RUN.split(" ")).succeeded();
        assertTrue(run.out().contains("Would create Auto Scaling Group"), run.out());
        assertTrue(run.out().contains("Dry run: nothing was changed."), run.out());
    }

    /** drain-queue's C2-for-BigInteger-only policy must reach the JVM from every installed form, and say nothing. */
    @Test
    void drainQueueRunsWithItsCompilerDirectivesAndPrintsOnlyItsOwnOutput() throws Exception {
        Result quiet = asgchef("drain-queue", "--help").succeeded();
        assertTrue(quiet.out().startsWith("Usage: asgchef drain-queue"), quiet.out());
        assertEquals("", quiet.err());

        Installed host = host(scratch).env("ASGCHEF_JAVA_OPTS", "-XX:+DisplayVMOutput -XX:+PrintFlagsFinal");
        String flags = host.run(command(launcher(), "drain-queue", "--help"))
                .succeeded()
                .out();
        String directives = flags.lines()
                .filter(line -> line.contains(" CompilerDirectivesFile "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no CompilerDirectivesFile flag:\n" + flags));
        assertTrue(directives.matches(".*= /\\S+/drain-queue\\.compiler\\s.*"), directives);
        assertTrue(flags.contains("compiler directives added"), "the directives file was not read");
    }

    @Test
    void runsThroughASymlinkFromAnyDirectory() throws Exception {
        Installed host = host(scratch);
        Path link = Files.createSymbolicLink(scratch.resolve("asgchef-link"), launcher());
        Path elsewhere = Files.createDirectories(scratch.resolve("some/where"));
        assertEquals(
                "asgchef " + Installed.VERSION,
                host.run(elsewhere, link.toString(), "--version")
                        .succeeded()
                        .out()
                        .trim());
        Files.delete(link); // @TempDir's clean-up warns about a link that points outside it
    }

    @Test
    void firstRunMakesAStartUpArchiveThatLaterRunsUse() throws Exception {
        Installed host = host(scratch);
        Path cache = scratch.resolve("cache");
        host.env("XDG_CACHE_HOME", cache.toString());
        Result first = host.run(command(launcher(), "--version")).succeeded();
        assertEquals("", first.err());
        try (Stream<Path> archives = Files.list(cache.resolve("asgchef"))) {
            List<Path> made = archives.toList();
            assertEquals(1, made.size(), made.toString());
            assertTrue(made.get(0).getFileName().toString().endsWith(".jsa"), made.toString());
        }
        // -Xshare:on turns "the archive does not fit this jar or JVM" from a silent fallback into a failed start.
        host.env("ASGCHEF_JAVA_OPTS", "-Xshare:on");
        Result second =
                host.run(command(launcher(), Installed.DRY_RUN.split(" "))).succeeded();
        assertTrue(second.out().contains("Dry run: nothing was changed."), second.out());
    }

    @Test
    void anUnwritableCacheLeavesTheRunQuietAndSuccessful() throws Exception {
        Installed host = host(scratch);
        Path notADirectory = Files.writeString(scratch.resolve("cache-is-a-file"), "");
        host.env("XDG_CACHE_HOME", notADirectory.toString());
        Result run = host.run(command(launcher(), "--version")).succeeded();
        assertEquals("asgchef " + Installed.VERSION, run.out().trim());
        assertEquals("", run.err());
    }

    @Test
    void everyManPageRendersWithoutWarnings() throws Exception {
        assumeTrue(Installed.onPath("man"), "man is not installed here (Debian package man-db)");
        for (String page : Installed.manPages()) {
            Path file = prefix().resolve("share/man/man1/" + page);
            Result man = Installed.tool("env", "MANWIDTH=100", "man", "--warnings", "-l", file.toString());
            assertEquals(0, man.exitCode(), page + ": " + man.err());
            assertEquals("", man.err(), page);
            String name = page.replaceFirst("\\.1\\.gz$", "");
            assertTrue(man.out().contains("SYNOPSIS"), page + ":\n" + man.out());
            assertTrue(man.out().contains(name.replace("asgchef-", "asgchef ")), page + ":\n" + man.out());
        }
    }

    @Test
    void drainQueueManPageSynopsisIsOneCleanLine() throws Exception {
        assumeTrue(Installed.onPath("man"), "man is not installed here (Debian package man-db)");
        Path page = prefix().resolve("share/man/man1/asgchef-drain-queue.1.gz");
        String out = Installed.tool("env", "MANWIDTH=100", "man", "-l", page.toString())
                .out();
        String synopsis = out.replaceFirst("(?s).*SYNOPSIS\\s*\\n", "")
                .lines()
                .findFirst()
                .orElse("");
        assertEquals("asgchef drain-queue [OPTIONS]", synopsis.trim(), out);
    }

    private String bashCompletions(String line) throws Exception {
        Path script = prefix().resolve("share/bash-completion/completions/asgchef");
        String[] words = line.split(" ", -1);
        String program = "source " + script + " || exit 9\n"
                + "complete -p asgchef >/dev/null || exit 8\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(" + line
                + (line.endsWith(" ") ? "''" : "") + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "_complete_asgchef asgchef '" + words[words.length - 1] + "' '" + words[words.length - 2] + "'\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Result run = Installed.tool("bash", "--norc", "--noprofile", "-c", program);
        assertEquals(0, run.exitCode(), run.err());
        return run.out();
    }

    @Test
    void bashCompletionCompletesACommand() throws Exception {
        assertEquals(
                List.of("drain-queue"), bashCompletions("asgchef dr").lines().toList());
    }

    @Test
    void bashCompletionCompletesACommandsOption() throws Exception {
        assertEquals(
                List.of("--workers"),
                bashCompletions("asgchef drain-queue --wor").lines().toList());
    }

    /**
     * An interactive zsh (in a pseudo-terminal, zsh/zpty) with the completion's directory on fpath: the first TAB
     * after "asgchef dr" autoloads _asgchef and must complete the command, without a prompt or an error.
     */
    @Test
    void zshCompletesACommandAtTheFirstTab() throws Exception {
        assumeTrue(Installed.onPath("zsh"), "zsh is not installed here (Debian package zsh)");
        Path script = Files.writeString(
                scratch.resolve("tab.zsh"),
                """
                zmodload zsh/zpty
                zpty -b z 'zsh -f -i'
                zpty -w z 'PS1="> "; fpath=(%s $fpath); autoload -U compinit; compinit -u; print READY-$((6*7))'
                expect() {
                  local i chunk
                  for i in {1..100}; do
                    zpty -r -t z chunk && all+=$chunk
                    [[ $all == *$1* ]] && return 0
                    sleep 0.1
                  done
                  return 1
                }
                all=
                expect READY-42 || { print -r -- "no prompt: $all"; exit 1; }
                all=
                zpty -w -n z $'asgchef dr\t'
                expect 'asgchef drain-queue'; ok=$?
                print -r -- "$all"
                zpty -d z
                exit $ok
                """
                        .formatted(zshCompletion().getParent()));
        Result run = Installed.tool("zsh", "-f", script.toString());
        assertEquals(0, run.exitCode(), "no completion at the first TAB:\n" + run.out() + run.err());
        assertTrue(!run.out().contains("compinit") && !run.out().contains("error"), run.out());
    }
}
