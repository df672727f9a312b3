package dev.asgchef.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.install.Installed.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/asgchef in a source checkout, with Maven off PATH. */
class LauncherIT {
    static final Path LAUNCHER = Path.of("bin/asgchef").toAbsolutePath();
    static final Path ARCHIVE_MAKER = Path.of("bin/make-cds-archive").toAbsolutePath();

    @TempDir
    Path scratch;

    @Test
    void checkoutLauncherThroughASymlinkRunsTheBuiltJarFromAnyDirectory() throws Exception {
        Path link = Files.createSymbolicLink(scratch.resolve("asgchef"), LAUNCHER);
        Path elsewhere = Files.createDirectories(scratch.resolve("elsewhere"));
        Result run = new Installed(scratch, true).run(elsewhere, link.toString(), "--version");
        assertEquals("asgchef " + Installed.VERSION, run.succeeded().out().trim());
        assertEquals("", run.err());
        Files.delete(link); // @TempDir's clean-up warns about a link that points outside it
    }

    /**
     * Every training run must succeed, or the archive silently lacks the classes of --help and the dry run and every
     * start is slower (once, the properties file's hardening refused the training runs' ASGCHEF_CONFIG=/dev/null).
     */
    @Test
    void startUpArchiveIsMadeWithEveryTrainingRunSucceeding() throws Exception {
        Path jar = Installed.BUILD.resolve("asgchef.jar").toAbsolutePath();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Result run = new Installed(scratch, true)
                .run(
                        ARCHIVE_MAKER.toString(),
                        java.toString(),
                        jar.toString(),
                        scratch.resolve("t.jsa").toString());
        assertEquals("", run.succeeded().err());
        int classes =
                Integer.parseInt(run.out().replaceFirst("(?s)^make-cds-archive: (\\d+) classes archived.*", "$1"));
        assertTrue(classes > 1500, run.out());
    }

    @Test
    void checkoutDrainQueueGetsTheCompilerDirectivesBesideTheLauncher() throws Exception {
        assertTrue(directivesOf("drain-queue", "--help"), "drain-queue ran without its compiler directives");
    }

    /** Shared options may come first; drain-queue must still get its JIT policy, or each signature costs ~8x. */
    @Test
    void drainQueueAfterSharedOptionsStillGetsItsCompilerDirectives() throws Exception {
        assertTrue(directivesOf("--region", "us-east-1", "drain-queue", "--help"));
    }

    @Test
    void otherCommandsRunWithoutTheDirectives() throws Exception {
        assertFalse(directivesOf("cleanup-node", "--help"));
    }

    /** Whether the JVM the launcher started for these arguments read drain-queue.compiler from beside it. */
    private boolean directivesOf(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = LAUNCHER.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Result run = new Installed(scratch, true)
                .env("ASGCHEF_JAVA_OPTS", "-XX:+UnlockDiagnosticVMOptions -XX:+DisplayVMOutput -XX:+PrintFlagsFinal")
                .run(command)
                .succeeded();
        return run.out()
                .lines()
                .anyMatch(line -> line.contains(" CompilerDirectivesFile ")
                        && line.contains("= " + LAUNCHER.resolveSibling("drain-queue.compiler") + " "));
    }

    @Test
    void checkoutWithNoJarAndNoMavenSaysWhatToRunInOneLine() throws Exception {
        Path checkout = Files.createDirectories(scratch.resolve("checkout/bin"))
                .getParent()
                .toRealPath();
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        Files.copy(LAUNCHER, checkout.resolve("bin/asgchef"));
        Result run =
                new Installed(scratch, true).run(checkout.resolve("bin/asgchef").toString(), "--version");
        assertEquals(1, run.exitCode());
        assertEquals(
                List.of("asgchef: " + checkout + "/target/asgchef.jar is not built and Maven is not on PATH: run"
                        + " 'mvn -B package' in " + checkout + " (JDK 17 and Maven), or install the asgchef package or"
                        + " tarball"),
                run.err().lines().toList());
    }

    @Test
    void installedTreeWithoutItsJarSaysToReinstall() throws Exception {
        Path tree = Files.createDirectories(scratch.resolve("asgchef/bin"))
                .getParent()
                .toRealPath();
        Files.copy(LAUNCHER, tree.resolve("bin/asgchef"));
        Result run =
                new Installed(scratch, true).run(tree.resolve("bin/asgchef").toString(), "--help");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("asgchef: no asgchef.jar in " + tree + "/bin or " + tree + "/lib"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }
}
