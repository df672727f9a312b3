package dev.asgchef.cli.options;

import dev.asgchef.chef.AuthProtocol;
import dev.asgchef.chef.ChefConfig;
import dev.asgchef.chef.ChefServer;
import dev.asgchef.chef.CleanupSettings;
import dev.asgchef.chef.Lookup;
import dev.asgchef.cli.Environment;
import dev.asgchef.report.Reporter;
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
 * {@link ChefOptions}. {@link #settings} checks them and turns them into the invocation's {@link CleanupSettings}; the
 * cleaner is built in {@code chef/}.
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
            order = 212,
            description = "Delete by running the real 'knife client delete' and 'knife node delete' (knife on PATH, or"
                    + " --knife-path) instead of asgchef's own Chef client. Deletes by name only: an instance id is"
                    + " deleted only with --lookup name.")
    boolean knife;

    // Its own option, not an optional value of --knife: an optional value swallows the node name that follows it.
    @Option(
            names = "--knife-path",
            paramLabel = "PATH",
            order = 212,
            description = "The knife that --knife runs (implies --knife; default: knife on PATH).")
    String knifePath;

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

    /**
     * The invocation's cleanup settings, for {@code Environment.chef()} to open; a usage error when the options cannot
     * go together.
     */
    public CleanupSettings settings(ChefOptions chef, Environment environment, Reporter reporter, boolean dryRun) {
        ChefServer.Limits limits = limits();
        Optional<AuthProtocol> protocol = protocol();
        Optional<String> knifeToRun = knife();
        ChefConfig.Sources sources = new ChefConfig.Sources(
                chef.chefConfig(),
                chef.chefProfile(),
                chef.chefServerUrl(),
                chef.chefUser(),
                chef.chefKey(),
                protocol.orElse(null),
                environment.variables(),
                environment.workingDirectory(),
                environment.homeDirectory());
        return new CleanupSettings(
                sources,
                limits,
                lookup.lookup,
                Optional.ofNullable(backupDir).map(environment.workingDirectory()::resolve),
                knifeToRun,
                dryRun,
                reporter,
                environment.clock());
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

    /** The knife asked for, if any: it deletes by name only and keeps no backups. */
    private Optional<String> knife() {
        if (!knife && knifePath == null) {
            return Optional.empty();
        }
        if (lookup == LookupChoice.search) {
            throw usage("--lookup search needs asgchef's own Chef client: knife deletes by name only; drop --knife"
                    + " or --lookup search");
        }
        if (backupDir != null) {
            throw usage("--backup-dir needs asgchef's own Chef client; drop --knife or --backup-dir");
        }
        if (knifePath == null) {
            return Optional.of("knife");
        }
        if (knifePath.isBlank()) {
            throw usage("--knife-path needs the path of knife; drop it for knife on PATH");
        }
        return Optional.of(knifePath);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
