package dev.asgchef.lambda;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.AwsClients;
import dev.asgchef.aws.AwsSettings;
import dev.asgchef.chef.ChefConfig;
import dev.asgchef.chef.HeldChefSettings;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.drain.BatchDecisions;
import dev.asgchef.drain.TerminationCheck;
import dev.asgchef.report.JsonLinesReporter;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Verbosity;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * What one Lambda container keeps between invocations: its settings, AWS clients, log and, from the first invocation
 * on, the Chef cleaner with the key and CA bundle read once and held in memory only. The secrets are read on the first
 * invocation, not at init, so a SnapStart snapshot never holds them.
 */
final class Function {
    private static Function shared;

    private final FunctionSettings settings;
    private final AwsClients aws;
    private final Reporter reporter;
    private final Clock clock;
    private BatchDecisions decisions;

    Function(FunctionSettings settings, AwsClients aws, Reporter reporter, Clock clock) {
        this.settings = settings;
        this.aws = aws;
        this.reporter = reporter;
        this.clock = clock;
    }

    /**
     * The container's one Function, built from its environment on first use. Lambda makes one handler object per
     * container; this keeps the secrets in one place whichever handler class the function names.
     *
     * @throws AsgchefException when a setting is wrong: logged as one line, and Lambda reports an init error
     */
    static synchronized Function shared() {
        if (shared == null) {
            Reporter log = log(Clock.systemUTC());
            try {
                // No endpoint override: the SDK's own AWS_ENDPOINT_URL(_SERVICE) variables apply, as for any SDK app.
                shared = new Function(
                        FunctionSettings.from(System.getenv()),
                        new AwsClients(AwsSettings.of(null, null, null)),
                        log,
                        Clock.systemUTC());
            } catch (AsgchefException e) {
                log.warn(e.getMessage());
                throw e;
            }
        }
        return shared;
    }

    /** JSON lines on stdout, which Lambda sends to the function's log group: the lines of --log-format json. */
    static Reporter log(Clock clock) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        return new JsonLinesReporter(out, out, "drain-queue", clock, Verbosity.NORMAL, false);
    }

    Reporter reporter() {
        return reporter;
    }

    /** Time a cleanup may need: a message is not started with less than this left before the function's timeout. */
    Duration cleanupAllowance() {
        return settings.limits().requestTimeout().plusSeconds(5);
    }

    /**
     * drain-queue's decisions over this container's clients and Chef cleaner; the first call reads the secrets.
     *
     * @throws AsgchefException when a secret cannot be read or used: nothing was decided
     */
    synchronized BatchDecisions decisions() {
        if (decisions == null) {
            SecretStore secrets = new SecretStore(aws.ssm(), aws.secretsManager());
            ChefConfig.InlineKey key = new ChefConfig.InlineKey(
                    secrets.read(settings.key()), settings.key().toString());
            HeldChefSettings chef = new HeldChefSettings(
                    settings.serverUrl(),
                    settings.user(),
                    key,
                    settings.caBundle().map(ref -> new HeldChefSettings.CaBundle(secrets.read(ref), ref.toString())),
                    settings.protocol(),
                    settings.limits(),
                    settings.lookup());
            NodeCleaner cleaner = chef.open(reporter, clock);
            TerminationCheck check = new TerminationCheck(
                    aws.ec2(), aws.autoScaling(), aws.region().id());
            decisions = new BatchDecisions(check, aws.autoScaling(), cleaner, reporter, settings.deleteMalformed());
        }
        return decisions;
    }
}
