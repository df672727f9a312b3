package dev.asgchef.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.asgchef.install.Installed.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb, extracted with dpkg-deb -x into a temporary root: its /usr/bin/asgchef is a relative symlink and the
 * launcher resolves its real path, so the tree runs where it was extracted with no override.
 */
class DebianPackageIT extends InstalledFormTests {
    static final Path DEB = Installed.BUILD.resolve("asgchef_" + Installed.VERSION + "_all.deb");

    @TempDir
    static Path root;

    @BeforeAll
    static void extract() throws Exception {
        Installed.tool("dpkg-deb", "-x", DEB.toString(), root.toString()).succeeded();
    }

    @Override
    Path launcher() {
        return root.resolve("usr/bin/asgchef");
    }

    @Override
    Path prefix() {
        return root.resolve("usr");
    }

    @Override
    Installed host(Path scratch) throws IOException {
        return new Installed(scratch, true);
    }

    @Override
    Path zshCompletion() {
        return root.resolve("usr/share/zsh/vendor-completions/_asgchef");
    }

    @Test
    void packageHoldsExactlyTheInstalledLayout() throws Exception {
        TreeSet<String> expected = Installed.sharedFiles("./usr/");
        expected.addAll(List.of(
                "./usr/bin/asgchef -> ../lib/asgchef/asgchef",
                "./usr/lib/asgchef/asgchef",
                "./usr/lib/asgchef/asgchef.jar",
                "./usr/lib/asgchef/drain-queue.classlist",
                "./usr/lib/asgchef/drain-queue.compiler",
                "./usr/lib/asgchef/make-cds-archive",
                "./usr/share/zsh/vendor-completions/_asgchef"));

        TreeSet<String> files = new TreeSet<>();
        for (String line : Installed.tool("dpkg-deb", "-c", DEB.toString())
                .succeeded()
                .out()
                .lines()
                .toList()) {
            if (!line.startsWith("d")) {
                files.add(line.replaceFirst("^\\S+\\s+\\S+\\s+\\d+\\s+\\S+\\s+\\S+\\s+", ""));
            }
        }
        assertEquals(expected, files);
    }

    @Test
    void launcherIsExecutableAndEverythingElseIsNot() throws Exception {
        for (String line :
                Installed.tool("dpkg-deb", "-c", DEB.toString()).out().lines().toList()) {
            String mode = line.substring(0, 10);
            String owner = line.split("\\s+")[1];
            assertEquals("0/0", owner, line);
            if (line.endsWith("/usr/lib/asgchef/asgchef")
                    || line.endsWith("/usr/lib/asgchef/make-cds-archive")
                    || line.startsWith("d")) {
                assertEquals(mode.startsWith("d") ? "drwxr-xr-x" : "-rwxr-xr-x", mode, line);
            } else if (!line.startsWith("l")) {
                assertEquals("-rw-r--r--", mode, line);
            }
        }
    }

    @Test
    void controlNamesAJava17RuntimeAndNoMaintainerScripts() throws Exception {
        Result info = Installed.tool("dpkg-deb", "-I", DEB.toString()).succeeded();
        assertTrue(info.out().contains(" Version: " + Installed.VERSION + "\n"), info.out());
        assertTrue(info.out().contains(" Architecture: all\n"), info.out());
        assertTrue(
                info.out().contains(" Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless\n"),
                info.out());
        // Units are installed, not enabled: nothing runs systemctl at install time.
        for (String script : List.of("postinst", "prerm", "postrm", "preinst")) {
            assertTrue(!info.out().contains(" " + script), info.out());
        }
    }

    @Test
    void lintianFindsNoError() throws Exception {
        assumeTrue(Installed.onPath("lintian"), "lintian is not installed here (Debian package lintian)");
        Result lintian = Installed.tool("lintian", "--pedantic", DEB.toString());
        List<String> errors =
                lintian.out().lines().filter(l -> l.startsWith("E:")).toList();
        assertEquals(List.of(), errors, lintian.out());
        assertTrue(lintian.exitCode() == 0 || lintian.exitCode() == 2, "lintian exit " + lintian.exitCode());
    }

    @Test
    void withoutJavaTheLauncherSaysWhatToInstall() throws Exception {
        Result run = new Installed(Files.createTempDirectory(root, "nojava"), false)
                .run(launcher().toString(), "--version");
        assertEquals(1, run.exitCode());
        assertEquals(
                List.of("asgchef: no Java runtime found: install Java 17 or later (apt install default-jre-headless) or"
                        + " set JAVA_HOME"),
                run.err().lines().toList());
    }
}
