package dev.asgchef.lambda;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.AwsClients;
import dev.asgchef.aws.AwsSettings;
import dev.asgchef.chef.ChefConfig;
import dev.asgchef.chef.HeldChefSettings;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.drain.DecisionSettings;
import dev.asgchef.drain.MessageDecider;
import dev.asgchef.drain.RetryBackoff;
import dev.asgchef.drain.StopSignal;
import dev.asgchef.drain.TerminationCheck;
import dev.asgchef.report.JsonLinesReporter;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Verbosity;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

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
    private NodeCleaner cleaner;
    private TerminationCheck check;

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
                        new AwsClients(AwsSettings.of(null, null, null, null)),
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
     * drain-queue's decider for one invocation, over this container's clients and Chef cleaner; the first call reads
     * the secrets. The rules are drain-queue's defaults: instances verified, no dry run, no deletion limit (the event
     * source mapping's concurrency bounds the pace). The retry backoff does not apply: the event source mapping hands a
     * failed message out again after the queue's visibility timeout.
     *
     * @param stop requested when the invocation's time runs out: messages not yet started are left
     * @throws AsgchefException when a secret cannot be read or used: nothing was decided
     */
    synchronized MessageDecider decider(StopSignal stop) {
        if (cleaner == null) {
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
            cleaner = chef.open(reporter, clock);
            check = new TerminationCheck(
                    aws.ec2(), aws.autoScaling(), aws.region().id());
        }
        DecisionSettings rules =
                new DecisionSettings(true, settings.deleteMalformed(), false, OptionalInt.empty(), Optional.empty());
        RetryBackoff backoff =
                new RetryBackoff(RetryBackoff.DEFAULT_FIRST, RetryBackoff.DEFAULT_MAX, RandomGenerator.getDefault());
        AutoScalingClient autoScaling = aws.autoScaling(); // built now, before a SnapStart snapshot
        return new MessageDecider(rules, check, () -> autoScaling, cleaner, backoff, reporter, stop);
    }
}
