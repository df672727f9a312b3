package dev.asgchef.cli;

import dev.asgchef.aws.QueueRef;
import dev.asgchef.cli.options.DurationConverter;
import dev.asgchef.cli.options.OutputOptions;
import dev.asgchef.drain.DrainRequest;
import dev.asgchef.drain.RetryBackoff;
import dev.asgchef.report.JsonLinesReporter;
import dev.asgchef.report.Reporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** drain-queue's own options, and the request they make. */
final class DrainQueueOptions {
    /** How log lines look. */
    enum LogFormat {
        text,
        json
    }

    @Option(
            names = "--queue",
            paramLabel = "NAME|URL|ARN",
            order = 1,
            description = "The queue to drain: its name, URL or ARN (required; also from the properties file). A"
                    + " standard queue: FIFO queues are refused, no Auto Scaling notification or hook reaches one.")
    String queue;

    @Option(
            names = "--workers",
            paramLabel = "N",
            order = 2,
            defaultValue = "4",
            description =
                    "Cleanups run in parallel, 1 to " + DrainRequest.MAX_WORKERS + " (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
            names = "--verify-terminated",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            order = 3,
            description = "Before deleting a node, ask EC2 that the instance is shutting down, terminated or gone"
                    + " (or held by a terminating lifecycle hook); a running instance keeps its node and its message"
                    + " stays, and so does any instance EC2 cannot answer for (default: on).")
    boolean verifyTerminated;

    @Option(
            names = "--max-deletions",
            paramLabel = "N",
            order = 4,
            description = "Delete at most N Chef nodes (one already gone does not count), then stop and leave the"
                    + " rest of the queue untouched: a guard against deleting more nodes than is plausible.")
    Integer maxDeletions;

    @Option(names = "--max-messages", paramLabel = "N", order = 5, description = "Receive at most N messages.")
    Long maxMessages;

    @Option(
            names = "--max-duration",
            paramLabel = "DURATION",
            order = 6,
            converter = DurationConverter.class,
            description = "Stop receiving after this long, e.g. 4m or 1h (cleanups in flight finish).")
    Duration maxDuration;

    @Option(
            names = "--follow",
            order = 7,
            description = "Keep polling when the queue is empty, as a service, until SIGTERM or SIGINT; cleanups in"
                    + " flight finish, and nothing unfinished is deleted. Without it, the run ends when a receive"
                    + " comes back empty.")
    boolean follow;

    @Option(
            names = "--delete-malformed",
            order = 8,
            description = "Delete messages that are not Auto Scaling notifications, instead of sending them to the"
                    + " dead-letter queue.")
    boolean deleteMalformed;

    @Option(
            names = "--lock-file",
            paramLabel = "PATH",
            order = 9,
            description = "One run per lock file at a time: a run that finds it held says so and exits 0 (default:"
                    + " /tmp/asgchef-USER/drain-queue-QUEUE.lock, the same for cron and a login shell).")
    Path lockFile;

    @Option(
            names = "--wait-seconds",
            paramLabel = "SECONDS",
            order = 10,
            defaultValue = "20",
            description = "Long-poll wait of each receive, 1 to 20 (default: ${DEFAULT-VALUE}); a run that stops on"
                    + " an empty queue ends this long after its last message.")
    int waitSeconds;

    @Option(
            names = "--retry-delay",
            paramLabel = "DURATION",
            order = 12,
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How long a message left for retry (cleanup failed, instance still running, AWS did not"
                    + " answer) stays hidden after its first receive; doubled with each further receive, less up to"
                    + " a fifth at random (default: 60s).")
    Duration retryDelay;

    @Option(
            names = "--max-retry-delay",
            paramLabel = "DURATION",
            order = 13,
            defaultValue = "15m",
            converter = DurationConverter.class,
            description =
                    "The longest a message left for retry stays hidden, at most 12h, SQS's limit (default:" + " 15m).")
    Duration maxRetryDelay;

    @Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            order = 11,
            defaultValue = "text",
            description = "Log lines as ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); json writes one JSON"
                    + " object per line as things happen, for log shippers.")
    LogFormat logFormat;

    DrainRequest request(CommandSpec spec, boolean dryRun) {
        if (queue == null || queue.isBlank()) {
            throw usage(spec, "Missing required option: '--queue=NAME|URL|ARN'");
        }
        QueueRef ref;
        try {
            ref = QueueRef.parse(queue);
        } catch (IllegalArgumentException e) {
            throw usage(spec, "--queue " + e.getMessage());
        }
        check(
                spec,
                workers >= 1 && workers <= DrainRequest.MAX_WORKERS,
                "--workers must be 1 to " + DrainRequest.MAX_WORKERS);
        check(spec, waitSeconds >= 1 && waitSeconds <= 20, "--wait-seconds must be 1 to 20 (SQS's long-poll limit)");
        check(spec, maxDeletions == null || maxDeletions >= 0, "--max-deletions must be 0 or more");
        check(spec, maxMessages == null || maxMessages >= 1, "--max-messages must be 1 or more");
        check(spec, maxDuration == null || !maxDuration.isZero(), "--max-duration must be longer than 0");
        check(
                spec,
                retryDelay.compareTo(Duration.ofSeconds(1)) >= 0 && retryDelay.compareTo(RetryBackoff.LONGEST) <= 0,
                "--retry-delay must be 1s to 12h (SQS's longest visibility timeout)");
        check(
                spec,
                maxRetryDelay.compareTo(retryDelay) >= 0 && maxRetryDelay.compareTo(RetryBackoff.LONGEST) <= 0,
                "--max-retry-delay must be from --retry-delay to 12h (SQS's longest visibility timeout)");
        check(
                spec,
                !(dryRun && follow),
                "--dry-run cannot be combined with --follow: a dry run keeps what it reads hidden until it ends");
        return new DrainRequest(
                ref,
                workers,
                verifyTerminated,
                maxDeletions == null ? OptionalInt.empty() : OptionalInt.of(maxDeletions),
                maxMessages == null ? OptionalLong.empty() : OptionalLong.of(maxMessages),
                Optional.ofNullable(maxDuration),
                follow,
                deleteMalformed,
                dryRun,
                waitSeconds,
                retryDelay,
                maxRetryDelay);
    }

    Reporter reporter(CommandSpec spec, Environment environment, OutputOptions output) {
        if (logFormat != LogFormat.json) {
            return output.reporter(spec, environment);
        }
        check(
                spec,
                output.format() != OutputOptions.Format.json,
                "--log-format json and --output json cannot be used together: choose lines as they happen, or one"
                        + " document at the end");
        return new JsonLinesReporter(
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                spec.name(),
                environment.clock(),
                output.verbosity(spec),
                environment.stderrIsTerminal());
    }

    /** The lock file: --lock-file, else one per queue in the user's run directory, whatever the environment. */
    Path lockFile(Environment environment, QueueRef queue) {
        if (lockFile != null) {
            return environment.workingDirectory().resolve(lockFile);
        }
        return LockFiles.defaultPath(environment, "drain-queue-" + queue.name() + ".lock");
    }

    private static void check(CommandSpec spec, boolean ok, String message) {
        if (!ok) {
            throw usage(spec, message);
        }
    }

    private static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
