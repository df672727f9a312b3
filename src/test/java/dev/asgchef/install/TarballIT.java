package dev.asgchef.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball, unpacked into a temporary directory and run on a PATH with neither Java nor Maven. */
class TarballIT extends InstalledFormTests {
    static final String NAME = "asgchef-" + Installed.VERSION;
    static final Path TARBALL = Installed.BUILD.resolve(NAME + "-linux-x64.tar.gz");

    @TempDir
    static Path unpacked;

    @BeforeAll
    static void unpack() throws Exception {
        Installed.tool("tar", "-xzf", TARBALL.toString(), "-C", unpacked.toString())
                .succeeded();
    }

    @Override
    Path launcher() {
        return unpacked.resolve(NAME + "/bin/asgchef");
    }

    @Override
    Path prefix() {
        return unpacked.resolve(NAME);
    }

    @Override
    Installed host(Path scratch) throws IOException {
        return new Installed(scratch, false);
    }

    @Override
    Path zshCompletion() {
        return prefix().resolve("share/zsh/site-functions/_asgchef");
    }

    @Test
    void tarballHoldsTheInstalledLayoutAndARuntime() throws Exception {
        TreeSet<String> expected = Installed.sharedFiles("");
        expected.addAll(List.of(
                "bin/asgchef",
                "lib/asgchef.jar",
                "lib/drain-queue.classlist",
                "lib/drain-queue.compiler",
                "lib/make-cds-archive",
                "share/zsh/site-functions/_asgchef"));

        TreeSet<String> files = new TreeSet<>();
        for (String entry : Installed.tool("tar", "-tzf", TARBALL.toString())
                .succeeded()
                .out()
                .lines()
                .toList()) {
            assertTrue(entry.startsWith(NAME + "/"), entry);
            String path = entry.substring(NAME.length() + 1);
            if (!path.isEmpty() && !path.endsWith("/") && !path.startsWith("runtime/")) {
                files.add(path);
            }
        }
        assertEquals(expected, files);
        assertTrue(Files.isExecutable(launcher()), "bin/asgchef is executable");
    }

    @Test
    void runtimeHasTheModulesTlsNeedsAndNoJdkTools() throws Exception {
        Path java = prefix().resolve("runtime/bin/java");
        List<String> modules = Installed.tool(java.toString(), "--list-modules")
                .succeeded()
                .out()
                .lines()
                .map(l -> l.replaceFirst("@.*", ""))
                .toList();
        for (String module : List.of("java.base", "java.net.http", "jdk.crypto.ec", "jdk.unsupported")) {
            assertTrue(modules.contains(module), module + " missing from " + modules);
        }
        assertTrue(!modules.contains("jdk.compiler") && !modules.contains("jdk.jlink"), modules.toString());
        assertTrue(Files.exists(prefix().resolve("runtime/lib/server/classes.jsa")), "the runtime's own CDS archive");
    }

    @Test
    void everyCommandsHelpRunsOnTheBundledRuntime() throws Exception {
        Installed host = host(Files.createTempDirectory(unpacked, "help"));
        for (String command : Installed.commands()) {
            String out = host.run(launcher().toString(), command, "--help")
                    .succeeded()
                    .out();
            assertTrue(out.startsWith("Usage: asgchef " + command + " [OPTIONS]"), out);
        }
    }

    @Test
    void drainQueueAgainstAnUnreachableEndpointFailsInOneLine() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path key = Files.writeString(unpacked.resolve("client.pem"), pem);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Installed host = host(Files.createTempDirectory(unpacked, "drain"))
                .env("AWS_ACCESS_KEY_ID", "test")
                .env("AWS_SECRET_ACCESS_KEY", "test");
        Installed.Result run = host.run(
                launcher().toString(),
                "drain-queue",
                "--queue",
                "haproxy-staging-asg-events",
                "--region",
                "us-east-1",
                "--endpoint-url",
                "http://127.0.0.1:9",
                "--chef-server-url",
                "https://127.0.0.1:9/organizations/acme",
                "--chef-user",
                "ops",
                "--chef-key",
                key.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("Cannot read the queue 'haproxy-staging-asg-events'"), run.err());
    }
}
