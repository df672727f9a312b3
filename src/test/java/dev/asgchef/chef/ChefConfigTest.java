package dev.asgchef.chef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChefConfigTest {
    private static final String STARTER_KIT =
            """
            # See https://docs.chef.io/workstation/config_rb/ for more information on knife configuration options

            current_dir = File.dirname(__FILE__)
            log_level                :info
            log_location             STDOUT
            node_name                "alice"
            client_key               "#{current_dir}/alice.pem"
            chef_server_url          "https://chef.example.com/organizations/acme"
            cookbook_path            ["#{current_dir}/../cookbooks"]
            """;

    @TempDir
    Path root;

    private Path home;
    private Path work;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void directories() throws IOException {
        home = Files.createDirectories(root.resolve("home/alice"));
        work = Files.createDirectories(root.resolve("repo/cookbooks/web"));
    }

    private ChefConfig resolve() {
        return resolve(null, null, null, null, null);
    }

    private ChefConfig resolve(Path config, String profile, String url, String user, Path key) {
        return ChefConfig.resolve(
                new ChefConfig.Sources(config, profile, url, user, key, null, env, work, home), warnings::add);
    }

    private Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void readsTheStarterKitConfigInDotChefOfAParentDirectory() throws IOException {
        Path config = write(root.resolve("repo/.chef/config.rb"), STARTER_KIT);

        ChefConfig chef = resolve();

        assertEquals(URI.create("https://chef.example.com/organizations/acme"), chef.serverUrl());
        assertEquals("alice", chef.user());
        assertEquals(
                new ChefConfig.KeyFile(root.resolve("repo/.chef/alice.pem"), "client_key in " + config + " line 7"),
                chef.key());
        assertEquals(Optional.of(config), chef.configFile());
        assertTrue(chef.verifyTls());
        assertEquals(AuthProtocol.V1_1, chef.protocol());
    }

    @Test
    void prefersConfigRbOverKnifeRbInTheSameDirectory() throws IOException {
        write(root.resolve("repo/.chef/knife.rb"), "chef_server_url 'https://old.example.com/organizations/acme'\n");
        write(root.resolve("repo/.chef/config.rb"), "chef_server_url 'https://new.example.com/organizations/acme'\n");
        env.put("USER", "alice");
        write(root.resolve("repo/.chef/alice.pem"), "x");

        assertEquals("new.example.com", resolve().serverUrl().getHost());
    }

    @Test
    void readsKnifeRbWhenThereIsNoConfigRb() throws IOException {
        write(home.resolve(".chef/knife.rb"), STARTER_KIT.replace("alice", "carol"));

        ChefConfig chef = resolve();

        assertEquals("carol", chef.user());
        assertEquals(Optional.of(home.resolve(".chef/knife.rb")), chef.configFile());
    }

    @Test
    void theNearestDotChefWinsOverTheHomeDirectory() throws IOException {
        write(home.resolve(".chef/config.rb"), STARTER_KIT.replace("alice", "home-user"));
        write(root.resolve("repo/cookbooks/.chef/config.rb"), STARTER_KIT.replace("alice", "repo-user"));

        assertEquals("repo-user", resolve().user());
    }

    @Test
    void knifeHomeComesFirst() throws IOException {
        write(root.resolve("repo/.chef/config.rb"), STARTER_KIT);
        write(root.resolve("elsewhere/knife.rb"), STARTER_KIT.replace("alice", "dave"));
        env.put("KNIFE_HOME", root.resolve("elsewhere").toString());

        assertEquals("dave", resolve().user());
    }

    @Test
    void chefConfigNamesAFileDirectly() throws IOException {
        write(root.resolve("repo/.chef/config.rb"), STARTER_KIT);
        Path other = write(root.resolve("ci/knife.rb"), STARTER_KIT.replace("alice", "ci-bot"));

        assertEquals("ci-bot", resolve(other, null, null, null, null).user());
    }

    @Test
    void aChefConfigThatDoesNotExistIsAnError() {
        AsgchefException e =
                assertThrows(AsgchefException.class, () -> resolve(root.resolve("missing.rb"), null, null, null, null));

        assertTrue(e.getMessage().contains("missing.rb"), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void understandsSingleQuotesCommentsParenthesesEnvAndFileHelpers() throws IOException {
        write(
                root.resolve("repo/.chef/config.rb"),
                """
                # a comment line
                current_dir = File.dirname(__FILE__)   # trailing comment
                user = ENV['OPSCODE_USER'] || ENV["USER"]
                node_name user
                client_key(File.join(current_dir, "#{user}.pem"))
                chef_server_url 'https://chef.example.com/organizations/acme' # "quoted" in a comment
                trusted_certs_dir File.expand_path("certs", __dir__)
                ssl_verify_mode :verify_peer
                knife[:editor] = "vim"
                knife[:aws_access_key_id] = ENV['AWS_ACCESS_KEY_ID']
                syntax_check_cache_path "#{ENV['HOME']}/.chef/syntaxcache"
                cookbook_path [
                  "#{current_dir}/../cookbooks",
                  "#{current_dir}/../site-cookbooks",
                ]
                """);
        env.put("USER", "erin");

        ChefConfig chef = resolve();

        assertEquals("erin", chef.user());
        assertEquals(root.resolve("repo/.chef/erin.pem"), ((ChefConfig.KeyFile) chef.key()).path());
        assertEquals(URI.create("https://chef.example.com/organizations/acme"), chef.serverUrl());
        assertEquals(Optional.of(root.resolve("repo/.chef/certs")), chef.trustedCertsDir());
        assertTrue(chef.verifyTls());
    }

    @Test
    void singleQuotesDoNotInterpolate() throws IOException {
        write(
                root.resolve("repo/.chef/config.rb"),
                STARTER_KIT.replace("node_name                \"alice\"", "node_name '#{literally}'"));

        assertEquals("#{literally}", resolve().user());
    }

    @Test
    void rubyItCannotEvaluateIsAnErrorNamingFileAndLine() throws IOException {
        Path config = write(
                root.resolve("repo/.chef/config.rb"),
                """
                node_name "alice"
                chef_server_url "https://#{`hostname`.strip}/organizations/acme"
                """);

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(e.getMessage().startsWith(config + " line 2: cannot evaluate"), e.getMessage());
    }

    @Test
    void anIfBlockIsAnErrorEvenAroundSettingsItWouldSkip() throws IOException {
        Path config = write(
                root.resolve("repo/.chef/config.rb"),
                """
                node_name "alice"

                if ENV['CI']
                  chef_server_url "https://ci.example.com/organizations/acme"
                end
                """);

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(e.getMessage().startsWith(config + " line 3: cannot evaluate the Ruby keyword if"), e.getMessage());
    }

    @Test
    void anUndefinedVariableIsAnErrorNamingTheLine() throws IOException {
        Path config = write(root.resolve("repo/.chef/config.rb"), "node_name username\n");

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(e.getMessage().startsWith(config + " line 1:"), e.getMessage());
        assertTrue(e.getMessage().contains("'username' is not a local variable"), e.getMessage());
    }

    @Test
    void settingsItDoesNotNeedAreSkippedEvenWhenItCouldNotEvaluateThem() throws IOException {
        write(
                root.resolve("repo/.chef/config.rb"),
                STARTER_KIT
                        + """
                knife[:vault_mode] = Chef::Config[:x] ? 'client' : 'solo'
                cookbook_copyright Etc.getpwuid.gecos
                """);

        assertEquals("alice", resolve().user());
    }

    @Test
    void verifyNoneIsHonouredWithAWarning() throws IOException {
        write(root.resolve("repo/.chef/config.rb"), STARTER_KIT + "ssl_verify_mode :verify_none\n");

        ChefConfig chef = resolve();

        assertFalse(chef.verifyTls());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("verify_none"), warnings.get(0));
        assertTrue(warnings.get(0).contains("knife ssl fetch"), warnings.get(0));
    }

    @Test
    void anUnknownVerifyModeIsAnError() throws IOException {
        write(root.resolve("repo/.chef/config.rb"), STARTER_KIT + "ssl_verify_mode :verify_sometimes\n");

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(e.getMessage().contains("verify_sometimes"), e.getMessage());
    }

    @Test
    void trustedCertsBesideTheConfigAreUsedByDefault() throws IOException {
        write(root.resolve("repo/.chef/config.rb"), STARTER_KIT);
        Files.createDirectories(root.resolve("repo/.chef/trusted_certs"));

        assertEquals(
                Optional.of(root.resolve("repo/.chef/trusted_certs")), resolve().trustedCertsDir());
    }

    @Test
    void theConfigFileMaySetTheProtocolVersion() throws IOException {
        write(root.resolve("repo/.chef/config.rb"), STARTER_KIT + "authentication_protocol_version '1.3'\n");

        assertEquals(AuthProtocol.V1_3, resolve().protocol());
    }

    @Test
    void chefFipsSelectsProtocol13AsChefConfigDoes() throws IOException {
        write(root.resolve("repo/.chef/config.rb"), STARTER_KIT);
        env.put("CHEF_FIPS", "1");

        assertEquals(AuthProtocol.V1_3, resolve().protocol());
    }

    @Test
    void readsTheDefaultCredentialsProfile() throws IOException {
        write(
                home.resolve(".chef/credentials"),
                """
                [default]
                client_name = "ci-bot"
                client_key = "ci-bot.pem"
                chef_server_url = "https://chef.example.com/organizations/acme"

                [staging]
                client_name = "ci-bot"
                client_key = "/secure/keys/ci-bot-staging.pem"
                chef_server_url = "https://chef-staging.example.com/organizations/acme"

                [staging.knife]
                ssl_verify_mode = "verify_none"
                """);

        ChefConfig chef = resolve();

        assertEquals("ci-bot", chef.user());
        assertEquals(home.resolve(".chef/ci-bot.pem"), ((ChefConfig.KeyFile) chef.key()).path());
        assertEquals(Optional.of("default"), chef.profile());
        assertTrue(chef.verifyTls());
    }

    @Test
    void aProfileIsChosenByFlagThenChefProfileThenContextFile() throws IOException {
        write(
                home.resolve(".chef/credentials"),
                """
                [default]
                client_name = "d"
                chef_server_url = "https://default.example.com/organizations/acme"
                client_key = "d.pem"
                ['staging']
                client_name = "s"
                chef_server_url = "https://staging.example.com/organizations/acme"
                client_key = "s.pem"
                [prod]
                client_name = "p"
                chef_server_url = "https://prod.example.com/organizations/acme"
                client_key = "p.pem"
                """);
        write(home.resolve(".chef/context"), "staging\n");

        assertEquals("staging.example.com", resolve().serverUrl().getHost());
        env.put("CHEF_PROFILE", "prod");
        assertEquals("prod.example.com", resolve().serverUrl().getHost());
        assertEquals(
                "default.example.com",
                resolve(null, "default", null, null, null).serverUrl().getHost());
    }

    @Test
    void aNamedProfileThatIsMissingIsAnError() throws IOException {
        write(home.resolve(".chef/credentials"), "[default]\nclient_name = \"d\"\n");

        AsgchefException e = assertThrows(AsgchefException.class, () -> resolve(null, "prod", null, null, null));

        assertTrue(e.getMessage().contains("'prod' is not in"), e.getMessage());
        assertTrue(e.getMessage().contains("default"), e.getMessage());
    }

    @Test
    void aProfileMayHoldTheKeyInline() throws IOException {
        String pem = dev.asgchef.testing.FakeChefServer.privateKeyPem("alice");
        write(
                home.resolve(".chef/credentials"),
                "[default]\nclient_name = \"alice\"\n"
                        + "chef_server_url = \"https://chef.example.com/organizations/acme\"\n"
                        + "client_key = \"\"\"\n" + pem + "\"\"\"\n");

        ChefConfig chef = resolve();

        assertTrue(chef.key() instanceof ChefConfig.InlineKey, chef.key().toString());
        assertFalse(chef.key().toString().contains("PRIVATE"), "never shows the key");
        assertEquals("RSA", chef.key().load(warnings::add).getAlgorithm());
    }

    @Test
    void aProfileWithBothClientNameAndNodeNameIsAnError() throws IOException {
        write(home.resolve(".chef/credentials"), "[default]\nclient_name = \"a\"\nnode_name = \"b\"\n");

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(e.getMessage().contains("both node_name and client_name"), e.getMessage());
    }

    @Test
    void badTomlNamesTheLine() throws IOException {
        Path credentials = write(home.resolve(".chef/credentials"), "[default]\nclient_name = ci-bot\n");

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(e.getMessage().startsWith(credentials + " line 2:"), e.getMessage());
    }

    @Test
    void badTomlSaysWhatToFixInOneLine() throws IOException {
        write(home.resolve(".chef/credentials"), "[default]\nclient_name = ci-bot\n");

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(e.getMessage().contains("a string value needs quotes"), e.getMessage());
        assertTrue(e.getMessage().endsWith("fix the credentials file (it is TOML)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void badTomlInsideAnInlineKeyNeverShowsTheKey() throws IOException {
        Path credentials = write(
                home.resolve(".chef/credentials"),
                "[default]\nclient_name = \"alice\"\nclient_key = \"\"\"\n-----BEGIN RSA PRIVATE KEY-----\n"
                        + "MIIEsecretKeyMaterial\\q\n-----END RSA PRIVATE KEY-----\n\"\"\"\n");

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(e.getMessage().startsWith(credentials + " line 5:"), e.getMessage());
        assertFalse(e.getMessage().contains("secretKeyMaterial"), e.getMessage());
        assertFalse(e.getMessage().contains("PRIVATE"), e.getMessage());
    }

    @Test
    void theProfilesKnifeSubTableApplies() throws IOException {
        write(
                home.resolve(".chef/credentials"),
                """
                [staging]
                client_name = "ci-bot"
                client_key = "ci-bot.pem"
                chef_server_url = "https://chef-staging.example.com/organizations/acme"

                [staging.knife]
                ssl_verify_mode = "verify_none"
                """);

        ChefConfig chef = resolve(null, "staging", null, null, null);

        assertFalse(chef.verifyTls());
        assertEquals(Optional.of("staging"), chef.profile());
    }

    @Test
    void aKnifeSubTableMayBeWrittenWithDottedKeys() throws IOException {
        write(
                home.resolve(".chef/credentials"),
                """
                [default]
                client_name = "ci-bot"
                client_key = "ci-bot.pem"
                chef_server_url = "https://chef.example.com/organizations/acme"
                knife.ssl_verify_mode = "verify_none"
                """);

        assertFalse(resolve().verifyTls());
    }

    @Test
    void aProfilesOwnSettingWinsOverItsKnifeSubTable() throws IOException {
        write(
                home.resolve(".chef/credentials"),
                """
                [default.knife]
                chef_server_url = "https://knife.example.com/organizations/acme"

                [default]
                client_name = "ci-bot"
                client_key = "ci-bot.pem"
                chef_server_url = "https://profile.example.com/organizations/acme"
                """);

        assertEquals("profile.example.com", resolve().serverUrl().getHost());
    }

    @Test
    void aProfileThatIsNotATableIsAnError() throws IOException {
        write(home.resolve(".chef/credentials"), "[[prod]]\nclient_name = \"p\"\n");

        AsgchefException e = assertThrows(AsgchefException.class, () -> resolve(null, "prod", null, null, null));

        assertTrue(e.getMessage().contains("'prod'"), e.getMessage());
        assertTrue(e.getMessage().contains("is not a table"), e.getMessage());
    }

    @Test
    void theConfigFileWinsOverTheCredentialsProfileAsInChefConfig() throws IOException {
        write(
                home.resolve(".chef/credentials"),
                """
                [default]
                client_name = "from-credentials"
                chef_server_url = "https://credentials.example.com/organizations/acme"
                """);
        write(
                root.resolve("repo/.chef/config.rb"),
                "chef_server_url 'https://config.example.com/organizations/acme'\n");
        write(home.resolve(".chef/from-credentials.pem"), "x");

        ChefConfig chef = resolve();

        assertEquals("config.example.com", chef.serverUrl().getHost());
        assertEquals("from-credentials", chef.user());
    }

    @Test
    void environmentVariablesOverrideFilesAndFlagsOverrideBoth() throws IOException {
        write(root.resolve("repo/.chef/config.rb"), STARTER_KIT);
        env.put("CHEF_SERVER_URL", "https://env.example.com/organizations/acme");
        env.put("CHEF_USER", "env-user");

        ChefConfig fromEnv = resolve();
        ChefConfig fromFlags = resolve(
                null, null, "https://flag.example.com/organizations/acme", "flag-user", Path.of("keys/flag.pem"));

        assertEquals("env.example.com", fromEnv.serverUrl().getHost());
        assertEquals("env-user", fromEnv.user());
        assertEquals("flag.example.com", fromFlags.serverUrl().getHost());
        assertEquals("flag-user", fromFlags.user());
        assertEquals(new ChefConfig.KeyFile(work.resolve("keys/flag.pem"), "--chef-key"), fromFlags.key());
    }

    @Test
    void withoutAnyServerUrlTheMessageSaysWhereToSetIt() throws IOException {
        env.put("USER", "alice");

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(e.getMessage().startsWith("no Chef server URL"), e.getMessage());
        assertTrue(e.getMessage().contains("--chef-server-url"), e.getMessage());
    }

    @Test
    void anAssignmentInsteadOfASettingGetsAHint() throws IOException {
        write(root.resolve("repo/.chef/config.rb"), "node_name 'a'\nchef_server_url = 'https://x/organizations/y'\n");

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(e.getMessage().contains("line 2 assigns a local variable"), e.getMessage());
    }

    @Test
    void aServerUrlThatIsNotHttpIsAnError() throws IOException {
        write(root.resolve("repo/.chef/config.rb"), STARTER_KIT.replace("https://", "ftp://"));

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(e.getMessage().contains("is not a usable URL"), e.getMessage());
    }

    @Test
    void withoutClientKeyTheKeyIsNodeNamePemBesideTheConfig() throws IOException {
        write(root.resolve("repo/.chef/config.rb"), "node_name 'frank'\nchef_server_url 'https://c/organizations/o'\n");
        write(root.resolve("repo/.chef/frank.pem"), "x");

        assertEquals(
                root.resolve("repo/.chef/frank.pem"),
                ((ChefConfig.KeyFile) resolve().key()).path());
    }

    @Test
    void configDFilesAreReadAfterTheConfig() throws IOException {
        write(root.resolve("repo/.chef/config.rb"), STARTER_KIT);
        write(
                root.resolve("repo/.chef/config.d/10-server.rb"),
                "chef_server_url 'https://d.example.com/organizations/acme'\n");

        assertEquals("d.example.com", resolve().serverUrl().getHost());
    }

    @Test
    void httpsProxyInTheKnifeConfigurationWinsOverTheEnvironment() throws IOException {
        write(home.resolve(".chef/config.rb"), STARTER_KIT + "https_proxy 'http://knife-proxy:3128'\n");
        env.put("https_proxy", "http://env-proxy:3128");

        assertEquals(
                Optional.of(URI.create("http://knife-proxy:3128")),
                resolve().proxy().https());
    }

    @Test
    void lowerCaseProxyVariableWinsOverUpperCase() throws IOException {
        write(home.resolve(".chef/config.rb"), STARTER_KIT);
        env.put("https_proxy", "http://lower:3128");
        env.put("HTTPS_PROXY", "http://upper:3128");

        assertEquals(
                Optional.of(URI.create("http://lower:3128")), resolve().proxy().https());
    }

    @Test
    void upperCaseProxyVariablesAreRead() throws IOException {
        write(home.resolve(".chef/config.rb"), STARTER_KIT);
        env.put("HTTPS_PROXY", "http://upper:3128");
        env.put("HTTP_PROXY", "http://plain:8080");
        env.put("NO_PROXY", "internal.example.com");

        ChefProxy proxy = resolve().proxy();

        assertEquals(Optional.of(URI.create("http://upper:3128")), proxy.https());
        assertEquals(Optional.of(URI.create("http://plain:8080")), proxy.http());
        assertEquals(List.of("internal.example.com"), proxy.noProxy());
    }

    @Test
    void noProxyInTheKnifeConfigurationWinsOverTheEnvironment() throws IOException {
        write(home.resolve(".chef/config.rb"), STARTER_KIT + "no_proxy 'chef.example.com'\n");
        env.put("no_proxy", "other.example.com");

        assertEquals(List.of("chef.example.com"), resolve().proxy().noProxy());
    }

    @Test
    void noProxySettingMeansDirectRequests() throws IOException {
        write(home.resolve(".chef/config.rb"), STARTER_KIT);

        assertEquals(ChefProxy.NONE, resolve().proxy());
    }

    @Test
    void aConfigThatCannotBeEvaluatedIsToldByFileLineAndConstructNeverByItsText() throws IOException {
        Path config = write(root.resolve("repo/.chef/config.rb"), "client_key 'sk-live-0123456789' + other\n");

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(
                e.getMessage().startsWith(config + " line 1: cannot evaluate the setting client_key"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-live"), e.getMessage());
    }

    @Test
    void aVariableThatUsesItselfIsOneLineNotAStackOverflow() throws IOException {
        write(root.resolve("repo/.chef/config.rb"), "a = \"#{a}x\"\nnode_name a\n");

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(
                e.getMessage().contains("nested more than 100 deep, or a variable that uses itself"), e.getMessage());
    }

    @Test
    void thirtyThousandNestedParenthesesAreOneLineNotAStackOverflow() throws IOException {
        write(
                root.resolve("repo/.chef/config.rb"),
                "node_name " + "(".repeat(30_000) + "'a'" + ")".repeat(30_000) + "\n");

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(e.getMessage().contains("nested more than 100 deep"), e.getMessage());
    }

    @Test
    void anExponentiallyGrowingInterpolationIsOneLineNotOutOfMemory() throws IOException {
        StringBuilder text = new StringBuilder("a0 = 'xxxxxxxx'\n");
        for (int i = 1; i <= 40; i++) {
            text.append("a")
                    .append(i)
                    .append(" = \"#{a")
                    .append(i - 1)
                    .append("}#{a")
                    .append(i - 1)
                    .append("}\"\n");
        }
        write(root.resolve("repo/.chef/config.rb"), text + "node_name a40\n");

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertTrue(e.getMessage().contains("a string grows beyond 64 KiB"), e.getMessage());
    }

    @Test
    void aCredentialsTableWrittenTwiceIsAnErrorNamingBothLines() throws IOException {
        Path credentials = write(
                home.resolve(".chef/credentials"),
                """
                [default]
                client_name = "ci-bot"

                [ "default" ]
                client_name = "other"
                """);

        AsgchefException e = assertThrows(AsgchefException.class, this::resolve);

        assertEquals(
                "Chef credentials " + credentials + ": the table [default] is defined twice, at lines 1 and 4: keep"
                        + " one of them",
                e.getMessage());
    }
}
