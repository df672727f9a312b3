package dev.asgchef.cli.options;

import dev.asgchef.AsgchefException;
import dev.asgchef.chef.ApiNodeCleaner;
import dev.asgchef.chef.AuthProtocol;
import dev.asgchef.chef.ChefConfig;
import dev.asgchef.chef.ChefServer;
import dev.asgchef.chef.KnifeBackend;
import dev.asgchef.chef.Lookup;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.cli.Environment;
import dev.asgchef.report.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How Chef nodes are found and deleted; shared by cleanup-node, drain-queue and packer-postprocess together with
 * {@link ChefOptions}. {@link #open} turns them into the invocation's {@link NodeCleaner}.
 */
public final class CleanupOptions {
    /** The choices of --lookup, as the operator types them. */
    enum LookupChoice {
        name(Lookup.NAME),
        search(Lookup.SEARCH),
        auto(Lookup.AUTO);

        final Lookup lookup;

        LookupChoice(Lookup lookup) {
            this.lookup = lookup;
        }
    }

    /** Completion candidates of --chef-auth-version. */
    static final class AuthVersions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> versions = new ArrayList<>(); // not a stream: picocli asks for these at every start
            for (AuthProtocol protocol : AuthProtocol.values()) {
                versions.add(protocol.version());
            }
            return versions.iterator();
        }
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--lookup",
            paramLabel = "HOW",
            order = 210,
            defaultValue = "auto",
            description = "How an instance id finds its Chef node: name (the node is named after the instance id),"
                    + " search (Chef search on ec2_instance_id, for nodes named by hostname), auto (name, then search)"
                    + " (default: ${DEFAULT-VALUE}). A node name is always used as it is.")
    LookupChoice lookup = LookupChoice.auto;

    @Option(
            names = "--backup-dir",
            paramLabel = "DIR",
            order = 211,
            description = "Save each node's and client's JSON here (nodes/NAME.json, clients/NAME.json) before"
                    + " deleting it; restore with 'knife node from file'.")
    Path backupDir;

    @Option(
            names = "--knife",
            paramLabel = "PATH",
            arity = "0..1",
            fallbackValue = "knife",
            order = 212,
            description = "Delete by running the real 'knife client delete' and 'knife node delete' (PATH defaults"
                    + " to knife on PATH) instead of asgchef's own Chef client. Deletes by name only: an instance id"
                    + " is deleted only with --lookup name.")
    String knife;

    @Option(
            names = "--chef-auth-version",
            paramLabel = "VERSION",
            order = 213,
            completionCandidates = AuthVersions.class,
            description = "Chef request signing protocol: ${COMPLETION-CANDIDATES} (default: the configuration's"
                    + " authentication_protocol_version, else 1.1 as current knife; 1.3 when CHEF_FIPS is set).")
    String authVersion;

    @Option(
            names = "--chef-timeout",
            paramLabel = "DURATION",
            order = 214,
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Time allowed for each Chef server request, e.g. 30s, 500ms, 2m (default: ${DEFAULT-VALUE}).")
    Duration timeout = Duration.ofSeconds(30);

    @Option(
            names = "--chef-retries",
            paramLabel = "N",
            order = 215,
            defaultValue = "2",
            description = "Retries after a connection error, timeout or 5xx answer, with backoff (default:"
                    + " ${DEFAULT-VALUE}).")
    int retries = 2;

    /** Opens the cleaner of one invocation from the Chef settings, reporting through {@code reporter}. */
    public NodeCleaner open(ChefOptions chef, Environment environment, Reporter reporter, boolean dryRun) {
        ChefServer.Limits limits = limits();
        Optional<AuthProtocol> protocol = protocol();
        if (knife != null) {
            if (lookup == LookupChoice.search) {
                throw usage("--lookup search needs asgchef's own Chef client: knife deletes by name only; drop --knife"
                        + " or --lookup search");
            }
            if (backupDir != null) {
                throw usage("--backup-dir needs asgchef's own Chef client; drop --knife or --backup-dir");
            }
            Duration wait = Duration.ofSeconds(30).plus(limits.requestTimeout().multipliedBy(limits.retries() + 1L));
            return new KnifeBackend(
                    new KnifeBackend.Knife(executable(environment), knifeOptions(chef, environment), wait),
                    lookup.lookup,
                    dryRun,
                    reporter);
        }
        ChefConfig config = ChefConfig.resolve(
                new ChefConfig.Sources(
                        chef.chefConfig(),
                        chef.chefProfile(),
                        chef.chefServerUrl(),
                        chef.chefUser(),
                        chef.chefKey(),
                        protocol.orElse(null),
                        environment.variables(),
                        environment.workingDirectory(),
                        environment.homeDirectory()),
                reporter::warn);
        ChefServer server = ChefServer.connect(config, limits, environment.clock(), reporter::warn);
        reporter.detail("Chef server " + config.serverUrl() + " as " + config.user() + " (authentication protocol "
                + config.protocol() + ")"
                + config.configFile().map(f -> ", settings from " + f).orElse("")
                + config.profile().map(p -> ", credentials profile " + p).orElse(""));
        Optional<Path> backups = Optional.ofNullable(backupDir).map(environment.workingDirectory()::resolve);
        backups.ifPresent(dir -> checkBackupDir(dir, dryRun));
        return new ApiNodeCleaner(server, lookup.lookup, backups, environment.clock(), dryRun, reporter);
    }

    private ChefServer.Limits limits() {
        if (retries < 0 || retries > 10) {
            throw usage("--chef-retries must be between 0 and 10, not " + retries);
        }
        if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw usage("--chef-timeout must be between 1ms and 10m, not " + timeout);
        }
        return new ChefServer.Limits(timeout, retries);
    }

    private Optional<AuthProtocol> protocol() {
        if (authVersion == null) {
            return Optional.empty();
        }
        return Optional.of(AuthProtocol.parse(authVersion)
                .orElseThrow(() ->
                        usage("--chef-auth-version '" + authVersion + "' is not one of " + AuthProtocol.choices())));
    }

    /** knife finds its own configuration as asgchef does; the flags given here are passed on so both agree. */
    private static List<String> knifeOptions(ChefOptions chef, Environment environment) {
        List<String> options = new ArrayList<>();
        if (chef.chefConfig() != null) {
            options.add("--config");
            options.add(
                    environment.workingDirectory().resolve(chef.chefConfig()).toString());
        }
        if (chef.chefProfile() != null) {
            options.add("--profile");
            options.add(chef.chefProfile());
        }
        if (chef.chefServerUrl() != null) {
            options.add("--server-url");
            options.add(chef.chefServerUrl());
        }
        if (chef.chefUser() != null) {
            options.add("--user");
            options.add(chef.chefUser());
        }
        if (chef.chefKey() != null) {
            options.add("--key");
            options.add(environment.workingDirectory().resolve(chef.chefKey()).toString());
        }
        return options;
    }

    /** The knife to run: a path as given, or a bare name looked up on the invocation's PATH. */
    private Path executable(Environment environment) {
        if (knife.isBlank()) {
            throw usage("--knife= needs a path, or no '=' for knife on PATH");
        }
        if (knife.contains("/") || knife.contains(java.io.File.separator)) {
            Path path = environment.workingDirectory().resolve(knife);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new AsgchefException("--knife " + path + " is not an executable file: give the path of knife"
                        + " (e.g. /opt/chef-workstation/bin/knife)");
            }
            return path;
        }
        String searchPath = environment.variable("PATH").orElse("");
        for (String dir : searchPath.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir).resolve(knife);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new AsgchefException("'" + knife + "' is not on PATH: install Chef Workstation, or give knife's path"
                + " with --knife=PATH");
    }

    private static void checkBackupDir(Path dir, boolean dryRun) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new AsgchefException("--backup-dir " + dir + " is a file, not a directory: choose another path");
        }
        if (Files.isDirectory(dir) && !dryRun && !Files.isWritable(dir)) {
            throw new AsgchefException("--backup-dir " + dir + " is not writable: fix its permissions");
        }
    }

    private RuntimeException usage(String message) {
        // Outside picocli (a test building the options by hand) there is no command line to blame.
        return spec == null ? new AsgchefException(message) : new ParameterException(spec.commandLine(), message);
    }
}
