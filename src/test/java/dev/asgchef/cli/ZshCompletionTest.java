package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zsh completion as checked in loads into a plain zsh ({@code zsh -f}: no user's rc files) without a word on stderr
 * and registers itself for asgchef. The install tests also press TAB in an interactive zsh for each installed form.
 */
class ZshCompletionTest {
    @TempDir
    Path scratch;

    @Test
    void zshCompletionLoadsWithoutErrorsAndRegistersAsgchef() throws Exception {
        assumeTrue(onPath("zsh"), "zsh is not installed here (Debian package zsh)");
        Path completion = Path.of("completions/_asgchef").toAbsolutePath();
        Path stderr = scratch.resolve("stderr");
        Process zsh = new ProcessBuilder(
                        "zsh",
                        "-f",
                        "-c",
                        "source \"$1\" && print -r -- \"${_comps[asgchef]}\"",
                        "zsh",
                        completion.toString())
                .directory(scratch.toFile())
                .redirectError(stderr.toFile())
                .start();
        String out = new String(zsh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, zsh.waitFor(30, TimeUnit.SECONDS), "zsh did not finish");
        assertEquals("", Files.readString(stderr), "zsh printed errors loading " + completion);
        assertEquals(0, zsh.exitValue());
        assertEquals("_bash_complete -F _complete_asgchef -o default", out.trim());
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
