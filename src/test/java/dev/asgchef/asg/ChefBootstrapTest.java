package dev.asgchef.asg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChefBootstrapTest {
    /** The example in examples/user-data/ is this rendering. */
    static ChefBootstrap example() {
        return new ChefBootstrap(
                "haproxy",
                "staging",
                SettingSource.parse("--chef-server-url", "ssm:/asgchef/chef-server-url", true),
                SettingSource.parse("--validation-key", "ssm:/asgchef/chef-validation-key", false),
                "");
    }

    @Test
    void everyPlaceholderIsFilledWithASingleQuotedWord() {
        String script = example().render();

        assertTrue(script.contains("\nROLE='haproxy'\n"), script);
        assertTrue(script.contains("\nCHEF_ENVIRONMENT='staging'\n"), script);
        assertTrue(script.contains("\nCHEF_SERVER_URL_FROM='ssm:/asgchef/chef-server-url'\n"), script);
        assertTrue(script.contains("\nVALIDATION_KEY_FROM='ssm:/asgchef/chef-validation-key'\n"), script);
        assertTrue(script.contains("\nVALIDATION_CLIENT_NAME=''\n"), script);
        assertFalse(script.contains("{{"), script);
    }

    @Test
    void aSingleQuoteCannotEndTheQuoting() {
        assertEquals("'it'\\''s'", ChefBootstrap.shellWord("it's"));
        assertEquals("'$(reboot)'", ChefBootstrap.shellWord("$(reboot)"));
    }

    @Test
    void aControlCharacterIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChefBootstrap.shellWord("a\nreboot"));
    }

    @Test
    void aPlaceholderWithoutAValueIsABug() {
        assertThrows(IllegalStateException.class, () -> ChefBootstrap.fill("X={{MISSING}}", Map.of()));
    }

    @Test
    void theValidationKeyIsNeverAValue() {
        SettingSource literal = new SettingSource(SettingSource.Kind.LITERAL, "https://chef.example.com");

        assertThrows(
                IllegalArgumentException.class, () -> new ChefBootstrap("haproxy", "staging", literal, literal, ""));
        assertThrows(
                IllegalArgumentException.class,
                () -> SettingSource.parse("--validation-key", "https://chef.example.com/key.pem", false));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ssm:/a;reboot",
                "ssm:/a'b",
                "ssm:",
                "s3://bucket/key'$(id)",
                "s3://b/k",
                "https://chef.example.com/$(id)",
                "https://chef.example.com/a b",
                "ftp://chef.example.com",
                "chef.example.com"
            })
    void aSourceWithAnythingAShellCouldReadIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> SettingSource.parse("--chef-server-url", text, true));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ssm:/asgchef/chef-server-url",
                "ssm:chef_url",
                "s3://my-bucket.example/chef/validator.pem",
                "https://chef.example.com/organizations/acme",
                "https://chef.example.com:8443/organizations/acme/"
            })
    void theDocumentedFormsAreAccepted(String text) {
        assertEquals(text, SettingSource.parse("--chef-server-url", text, true).text());
    }

    @Test
    void theExampleInTheRepositoryIsTheDefaultRendering() throws IOException {
        Path example = Path.of("examples/user-data/chef-bootstrap.sh");

        assertEquals(example().render(), Files.readString(example), "regenerate " + example);
    }

    @Test
    void theScriptIsValidBash(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("user-data.sh");
        Files.writeString(script, example().render());

        Process bash = new ProcessBuilder("bash", "-n", script.toString())
                .redirectErrorStream(true)
                .start();

        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * Runs the script as cloud-init would, with curl, aws and chef-client replaced by stubs that answer like IMDSv2,
     * SSM and Chef, and /etc/chef moved into a temporary directory.
     */
    @Test
    void theScriptRegistersTheInstanceAsItsOwnNode(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path chef = dir.resolve("etc-chef");
        stub(
                bin,
                "curl",
                """
                case "$*" in
                  *api/token*) echo token-123 ;;
                  *meta-data/instance-id*) echo i-0123456789abcdef0 ;;
                  *meta-data/placement/region*) echo eu-west-1 ;;
                  *) exit 22 ;;
                esac
                """);
        stub(
                bin,
                "aws",
                """
                case "$*" in
                  *"--name /asgchef/chef-server-url"*) echo https://chef.example.com/organizations/acme ;;
                  *"--name /asgchef/chef-validation-key"*)
                    printf -- '-----BEGIN RSA PRIVATE KEY-----\\nMIIB\\n-----END RSA PRIVATE KEY-----\\n' ;;
                  *) exit 1 ;;
                esac
                """);
        stub(
                bin,
                "chef-client",
                """
                echo "$*" > "$CHEF_TEST_DIR/chef-client.args"
                test -f "$CHEF_TEST_DIR/validation.pem" && echo present > "$CHEF_TEST_DIR/validation.seen"
                """);
        Path script = dir.resolve("user-data.sh");
        Files.writeString(script, example().render().replace("CHEF_DIR=/etc/chef", "CHEF_DIR=" + chef));

        ProcessBuilder run = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        run.environment().put("PATH", bin + ":/usr/bin:/bin");
        run.environment().put("CHEF_TEST_DIR", chef.toString());
        Process bash = run.start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), output);
        assertEquals(
                List.of(
                        "chef_server_url        'https://chef.example.com/organizations/acme'",
                        "node_name              'i-0123456789abcdef0'",
                        "environment            'staging'",
                        "validation_client_name 'acme-validator'",
                        "validation_key         '" + chef + "/validation.pem'",
                        "client_key             '" + chef + "/client.pem'"),
                Files.readAllLines(chef.resolve("client.rb")));
        assertEquals("{\"run_list\":[\"role[haproxy]\"]}\n", Files.readString(chef.resolve("first-boot.json")));
        assertEquals("{}\n", Files.readString(chef.resolve("ohai/hints/ec2.json")));
        assertEquals(
                "--no-color --config " + chef + "/client.rb --json-attributes " + chef + "/first-boot.json\n",
                Files.readString(chef.resolve("chef-client.args")));
        assertTrue(Files.exists(chef.resolve("validation.seen")), "chef-client had the validation key");
        assertFalse(Files.exists(chef.resolve("validation.pem")), "the validation key is removed afterwards");
    }

    private static void stub(Path bin, String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
