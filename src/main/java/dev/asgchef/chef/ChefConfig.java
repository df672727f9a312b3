package dev.asgchef.chef;

import dev.asgchef.AsgchefException;
import dev.asgchef.InputFile;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The Chef settings of one invocation, found as knife finds them: the credentials profile first, then the knife
 * configuration file over it (its values win, as in chef-config), then the CHEF_* environment, then flags. One
 * exception, also knife's: a key inline in the profile ({@code client_key = """-----BEGIN...}) is used even when the
 * configuration file names a {@code client_key} path, because Chef::ServerAPI prefers key contents over a key path.
 *
 * @param configFile the knife configuration read, if one was
 * @param profile the credentials profile read, if one was
 * @param proxy the proxy of Chef requests: knife's https_proxy, http_proxy and no_proxy, or the environment's
 */
public record ChefConfig(
        URI serverUrl,
        String user,
        ClientKey key,
        boolean verifyTls,
        Optional<Path> trustedCertsDir,
        AuthProtocol protocol,
        Optional<Path> configFile,
        Optional<String> profile,
        ChefProxy proxy) {

    /** Where the private key comes from: a file, or a PEM held inline by a credentials profile. */
    public sealed interface ClientKey {
        PrivateKey load(Consumer<String> warn);

        /** For messages: {@code /home/x/.chef/alice.pem (client_key in /home/x/.chef/config.rb line 4)}. */
        String describe();
    }

    public record KeyFile(Path path, String origin) implements ClientKey {
        @Override
        public PrivateKey load(Consumer<String> warn) {
            return ChefKeys.read(path, origin, warn);
        }

        @Override
        public String describe() {
            return path + " (" + origin + ")";
        }
    }

    public record InlineKey(String pem, String origin) implements ClientKey {
        @Override
        public PrivateKey load(Consumer<String> warn) {
            return ChefKeys.parse(pem, "(" + origin + ")");
        }

        @Override
        public String describe() {
            return "the key inline in " + origin;
        }

        @Override
        public String toString() {
            return "InlineKey[" + origin + "]"; // never the key itself
        }
    }

    /**
     * What the caller knows. Flag values are null when not given; {@code env} is the process environment (CHEF_*,
     * KNIFE_HOME, CHEF_CREDENTIALS_FILE, USER, and whatever the knife file reads through ENV).
     */
    public record Sources(
            Path explicitConfig,
            String profile,
            String serverUrl,
            String user,
            Path key,
            AuthProtocol protocol,
            Map<String, String> env,
            Path workingDirectory,
            Path home) {}

    /** Finds and checks every setting; a warning goes to {@code warn}, a problem is one-line AsgchefException. */
    static ChefConfig resolve(Sources sources, Consumer<String> warn) {
        return new Resolution(sources, warn).resolve();
    }

    /** The knife configuration files knife would read, in its order: the first that exists wins. */
    static List<Path> candidates(Sources s) {
        List<Path> candidates = new ArrayList<>();
        env(s, "KNIFE_HOME").map(Path::of).map(s.workingDirectory()::resolve).ifPresent(knifeHome -> {
            candidates.add(knifeHome.resolve("config.rb"));
            candidates.add(knifeHome.resolve("knife.rb"));
        });
        candidates.add(s.workingDirectory().resolve("config.rb"));
        candidates.add(s.workingDirectory().resolve("knife.rb"));
        for (Path dir = s.workingDirectory().toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".chef"))) {
                candidates.add(dir.resolve(".chef").resolve("config.rb"));
                candidates.add(dir.resolve(".chef").resolve("knife.rb"));
                break;
            }
        }
        candidates.add(s.home().resolve(".chef").resolve("config.rb"));
        candidates.add(s.home().resolve(".chef").resolve("knife.rb"));
        return candidates;
    }

    private static Optional<String> env(Sources s, String name) {
        String value = s.env().get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** One resolution: collects each setting with the place it came from, so messages can name it. */
    private static final class Resolution {
        private final Sources s;
        private final Consumer<String> warn;
        private Optional<Path> configFile = Optional.empty();
        private Optional<String> profileUsed = Optional.empty();
        private final java.util.Map<String, Value> values = new java.util.HashMap<>();

        /** A setting's value and where it came from. */
        private record Value(Object value, String origin, Path relativeTo) {}

        Resolution(Sources sources, Consumer<String> warn) {
            this.s = sources;
            this.warn = warn;
        }

        ChefConfig resolve() {
            Path chefHome = s.home().resolve(".chef");
            readCredentials(chefHome);
            readConfigFile();
            override("chef_server_url", s.serverUrl(), "CHEF_SERVER_URL", "--chef-server-url");
            override("node_name", s.user(), "CHEF_USER", "--chef-user");
            override("client_key", s.key() == null ? null : s.key().toString(), "CHEF_KEY", "--chef-key");

            URI url = serverUrl();
            String user = user();
            ClientKey key = key(user, chefHome);
            boolean verify = verifyTls();
            Optional<Path> trusted = trustedCertsDir();
            AuthProtocol protocol = protocol();
            ChefProxy proxy = proxy();
            return new ChefConfig(url, user, key, verify, trusted, protocol, configFile, profileUsed, proxy);
        }

        private void readCredentials(Path chefHome) {
            Path file = env(s, "CHEF_CREDENTIALS_FILE")
                    .map(Path::of)
                    .map(s.workingDirectory()::resolve)
                    .orElse(chefHome.resolve("credentials"));
            Optional<String> named =
                    Optional.ofNullable(s.profile()).filter(p -> !p.isBlank()).or(() -> env(s, "CHEF_PROFILE"));
            String profile = named.or(() -> context(chefHome)).orElse("default");
            Optional<Credentials.Profile> found = Credentials.profile(file, profile, !profile.equals("default"));
            found.ifPresent(p -> {
                profileUsed = Optional.of(p.name());
                String origin = "profile " + p.name() + " in " + p.file();
                p.values().forEach((k, v) -> {
                    String key = k.startsWith("knife.") ? k.substring("knife.".length()) : k;
                    if (key.equals("client_name")) {
                        key = "node_name";
                    }
                    if (key.equals("client_key") && v.trim().startsWith("-----BEGIN")) {
                        values.put("client_key_contents", new Value(v, origin, chefHome));
                    } else if (k.startsWith("knife.") && values.containsKey(key)) {
                        return; // a profile's own setting wins over its knife sub-table
                    } else {
                        values.put(key, new Value(v, origin + " (" + key + ")", chefHome));
                    }
                });
            });
        }

        private Optional<String> context(Path chefHome) {
            Path context = chefHome.resolve("context");
            try {
                return Files.exists(context)
                        ? Optional.of(InputFile.text(
                                                context, "Chef context file", InputFile.KEY, StandardCharsets.UTF_8)
                                        .trim())
                                .filter(p -> !p.isEmpty())
                        : Optional.empty();
            } catch (IOException e) {
                throw new AsgchefException(
                        "cannot read " + context + " (" + e.getClass().getSimpleName() + "):"
                                + " fix its permissions, or choose a profile with --chef-profile");
            }
        }

        private void readConfigFile() {
            Optional<Path> explicit = Optional.ofNullable(s.explicitConfig())
                    .or(() -> env(s, "CHEF_CONFIG").map(Path::of))
                    .map(s.workingDirectory()::resolve);
            if (explicit.isPresent() && !Files.isRegularFile(explicit.get())) {
                throw new AsgchefException("the knife configuration " + explicit.get() + " (--chef-config or"
                        + " CHEF_CONFIG) does not exist: fix the path");
            }
            configFile = explicit.or(
                    () -> candidates(s).stream().filter(Files::isRegularFile).findFirst());
            configFile.ifPresent(file -> {
                List<Path> files = new ArrayList<>(List.of(file));
                files.addAll(configD(file.toAbsolutePath().getParent().resolve("config.d")));
                for (Path each : files) {
                    RubyConfigFile.read(each, s.env(), s.workingDirectory(), s.home())
                            .forEach((name, setting) -> {
                                if (setting.value() == null) {
                                    values.remove(name);
                                } else {
                                    values.put(
                                            name,
                                            new Value(
                                                    setting.value(),
                                                    name + " in " + setting.where(),
                                                    s.workingDirectory()));
                                }
                            });
                }
            });
        }

        private static List<Path> configD(Path directory) {
            if (!Files.isDirectory(directory)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(directory)) {
                return files.filter(f -> f.getFileName().toString().endsWith(".rb"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new AsgchefException("cannot list " + directory + ": check its permissions");
            }
        }

        private void override(String name, String flag, String variable, String option) {
            Optional<String> fromEnv = env(s, variable);
            if (flag != null && !flag.isBlank()) {
                // The CLI fills an unset flag from the variable; name the variable then, as the operator set that.
                String origin = fromEnv.filter(flag::equals).map(v -> variable).orElse(option);
                values.put(name, new Value(flag, origin, s.workingDirectory()));
                values.remove(name + "_contents");
            } else if (fromEnv.isPresent()) {
                values.put(name, new Value(fromEnv.get(), variable, s.workingDirectory()));
                values.remove(name + "_contents");
            }
        }

        private URI serverUrl() {
            Value value = values.get("chef_server_url");
            if (value == null) {
                throw new AsgchefException("no Chef server URL: set chef_server_url in " + where()
                        + hint("chef_server_url")
                        + ", or pass --chef-server-url https://HOST/organizations/ORG (or set CHEF_SERVER_URL)");
            }
            String text = value.value().toString().trim();
            try {
                URI uri = new URI(text);
                if (uri.getScheme() == null
                        || !(uri.getScheme().equalsIgnoreCase("https")
                                || uri.getScheme().equalsIgnoreCase("http"))
                        || uri.getHost() == null
                        || uri.getRawQuery() != null
                        || uri.getRawFragment() != null) {
                    throw new URISyntaxException(text, "not an http(s) URL with a host");
                }
                if (uri.getScheme().equalsIgnoreCase("http") && !isLoopback(uri.getHost())) {
                    warn.accept("chef_server_url " + text + " is plain http: signed requests and node data cross the"
                            + " network unencrypted; use https");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new AsgchefException("chef_server_url '" + NodeName.printable(text) + "' (" + value.origin()
                        + ") is not a usable URL: write it as https://HOST/organizations/ORG");
            }
        }

        private String user() {
            Value value = values.get("node_name");
            String user = value == null
                    ? env(s, "USER").or(() -> env(s, "LOGNAME")).orElse(null)
                    : value.value().toString();
            if (user == null || user.isBlank()) {
                throw new AsgchefException("no Chef user: set node_name in " + where() + hint("node_name")
                        + ", or pass --chef-user NAME (or set CHEF_USER)");
            }
            return user;
        }

        private ClientKey key(String user, Path chefHome) {
            Value inline = values.get("client_key_contents");
            if (inline != null) {
                return new InlineKey(inline.value().toString(), inline.origin());
            }
            Value value = values.get("client_key");
            if (value != null) {
                Path path = value.relativeTo().resolve(expandHome(value.value().toString()));
                return new KeyFile(path, value.origin());
            }
            // knife's default: NODE_NAME.pem, then user.pem, beside the config file, then in ~/.chef.
            List<Path> places = new ArrayList<>();
            configFile.ifPresent(f -> places.add(f.toAbsolutePath().getParent()));
            places.add(chefHome);
            for (String name : List.of(user + ".pem", "user.pem")) {
                for (Path place : places) {
                    if (Files.exists(place.resolve(name))) {
                        return new KeyFile(place.resolve(name), "the default key for " + user);
                    }
                }
            }
            throw new AsgchefException("no Chef key for '" + user + "': set client_key in " + where()
                    + ", pass --chef-key FILE (or set CHEF_KEY), or save the key as ~/.chef/" + user + ".pem");
        }

        /** knife's order: the configuration's setting, then the lower-case variable, then the upper-case one. */
        private ChefProxy proxy() {
            return ChefProxy.of(
                    proxySetting("https_proxy"),
                    proxySetting("http_proxy"),
                    proxySetting("no_proxy").text());
        }

        private ChefProxy.Setting proxySetting(String name) {
            Value value = values.get(name);
            if (value != null) {
                return new ChefProxy.Setting(Optional.of(value.value().toString()), value.origin());
            }
            String upper = name.toUpperCase(java.util.Locale.ROOT);
            Optional<String> lower = env(s, name);
            return lower.isPresent() ? new ChefProxy.Setting(lower, name) : new ChefProxy.Setting(env(s, upper), upper);
        }

        private boolean verifyTls() {
            Value value = values.get("ssl_verify_mode");
            if (value == null) {
                return true;
            }
            String mode = value.value().toString().replaceFirst("^:", "");
            return switch (mode) {
                case "verify_peer" -> true;
                case "verify_none" -> {
                    warn.accept("ssl_verify_mode :verify_none (" + value.origin() + "): the Chef server's TLS"
                            + " certificate is not checked, so anyone on the network path can pose as it; run 'knife"
                            + " ssl fetch' and remove verify_none");
                    yield false;
                }
                default ->
                    throw new AsgchefException("ssl_verify_mode '" + NodeName.printable(mode) + "' (" + value.origin()
                            + ") is not :verify_peer or :verify_none: fix it");
            };
        }

        private Optional<Path> trustedCertsDir() {
            Value value = values.get("trusted_certs_dir");
            if (value != null) {
                return Optional.of(
                        value.relativeTo().resolve(expandHome(value.value().toString())));
            }
            // chef-config's default: trusted_certs beside the configuration (where 'knife ssl fetch' saves).
            Path base = configFile
                    .map(f -> f.toAbsolutePath().getParent())
                    .orElse(s.home().resolve(".chef"));
            Path standard = base.resolve("trusted_certs");
            return Files.isDirectory(standard) ? Optional.of(standard) : Optional.empty();
        }

        private AuthProtocol protocol() {
            if (s.protocol() != null) {
                return s.protocol();
            }
            Value value = values.get("authentication_protocol_version");
            if (value != null) {
                String text = value.value().toString();
                return AuthProtocol.parse(text)
                        .orElseThrow(() -> new AsgchefException("authentication_protocol_version '"
                                + NodeName.printable(text) + "' (" + value.origin() + ") is not one of "
                                + AuthProtocol.choices() + ": fix it"));
            }
            // chef-config signs with 1.3 in FIPS mode, which CHEF_FIPS turns on.
            return env(s, "CHEF_FIPS").isPresent() ? AuthProtocol.V1_3 : AuthProtocol.DEFAULT;
        }

        /** knife ignores {@code chef_server_url = "..."} (a Ruby local variable); say so instead of just "missing". */
        private String hint(String setting) {
            return configFile
                    .flatMap(file -> RubyConfigFile.localAssignment(file, setting))
                    .map(line -> " (line " + line + " assigns a local variable " + setting + "; write '" + setting
                            + " \"value\"' without '=')")
                    .orElse("");
        }

        private String where() {
            return configFile
                    .map(Path::toString)
                    .orElse("a knife configuration (none was found: looked for"
                            + " .chef/config.rb and .chef/knife.rb from " + s.workingDirectory()
                            + " up, and in ~/.chef)");
        }

        private String expandHome(String path) {
            return path.equals("~") ? s.home().toString() : path.startsWith("~/") ? s.home() + path.substring(1) : path;
        }

        private static boolean isLoopback(String host) {
            return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        }
    }
}
