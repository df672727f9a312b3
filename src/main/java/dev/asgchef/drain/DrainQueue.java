package dev.asgchef.drain;

import dev.asgchef.aws.QueueAttributes;
import dev.asgchef.aws.VisibilityTimeout;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.report.Reporter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The teardown use case: reads termination notifications from an SQS queue and removes each terminated instance's
 * Chef node and client, deleting a message only once its cleanup is done.
 *
 * <p>It receives in batches of ten with long polling, verifies each batch's instances with one EC2 call, runs the
 * cleanups on a pool of workers, completes terminating lifecycle actions with CONTINUE, and deletes handled messages
 * in batches. Whatever is not done is left in the queue: to come back after the visibility timeout, and to reach the
 * dead-letter queue after enough tries. Several runs, on one host or many, may drain one queue at once: SQS
 * visibility keeps each message with one of them.
 */
public final class DrainQueue {
    /** How often a message in work has its visibility extended and its lifecycle action a heartbeat, at most. */
    public static final Duration KEEP_ALIVE_EVERY = Duration.ofSeconds(20);

    private final SqsClient sqs;
    private final TerminationCheck check;
    private final Supplier<AutoScalingClient> autoScaling;
    private final LifecycleActions lifecycle;
    private final NodeCleaner cleaner;
    private final Reporter reporter;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration keepAliveEvery;

    /**
     * @param check asks EC2 (in the region it knows) whether instances are on their way out
     * @param autoScaling completes lifecycle actions; asked for the client only when a message carries one
     * @param random the jitter of retry delays; used from several threads
     */
    public DrainQueue(
            SqsClient sqs,
            TerminationCheck check,
            Supplier<AutoScalingClient> autoScaling,
            NodeCleaner cleaner,
            Reporter reporter,
            Clock clock,
            RandomGenerator random,
            Duration keepAliveEvery) {
        this.sqs = sqs;
        this.check = check;
        this.autoScaling = autoScaling;
        this.lifecycle = new LifecycleActions(autoScaling);
        this.cleaner = cleaner;
        this.reporter = reporter;
        this.clock = clock;
        this.random = random;
        this.keepAliveEvery = keepAliveEvery;
    }

    /**
     * Drains until the request's stop condition or until {@code stop} is requested, then reports the summary.
     *
     * @throws dev.asgchef.AsgchefException when the queue cannot be found or read: nothing was received
     */
    public DrainSummary run(DrainRequest request, StopSignal stop) {
        Instant started = clock.instant();
        QueueAttributes queue = QueueAttributes.require(sqs, request.queue());
        reporter.announce(announcement(request));
        warnAboutSettings(queue);
        reporter.result("queueUrl", queue.url());
        MessageDecider decider = new MessageDecider(
                request.decisionSettings(queue.redrivePolicy()),
                check,
                autoScaling,
                cleaner,
                new RetryBackoff(request.retryDelay(), request.maxRetryDelay(), random),
                reporter,
                stop);
        DrainRun run = new DrainRun(request, stop, queue, sqs, check, lifecycle, decider, reporter, clock);
        StopReason reason = run.execute(keepAliveEvery);
        DrainSummary summary = run.summary(reason, Duration.between(started, clock.instant()));
        reporter.result("drain", summary.result());
        reporter.summary(summary.line());
        return summary;
    }

    private static String announcement(DrainRequest request) {
        String workers = request.workers() + (request.workers() == 1 ? " worker" : " workers");
        String until = request.follow() ? " until stopped" : "";
        return request.dryRun()
                ? "Dry run: reading queue '" + request.queue().name() + "' with " + workers + until
                        + "; nothing will be deleted."
                : "Draining queue '" + request.queue().name() + "' with " + workers + until + ".";
    }

    private void warnAboutSettings(QueueAttributes queue) {
        if (queue.redrivePolicy().isEmpty()) {
            reporter.warn("The queue has no dead-letter queue: a message that keeps failing is retried until it"
                    + " expires. Give it a redrive policy (wire-notifications does)");
        }
        int visibility = queue.visibilityTimeoutSeconds();
        if (visibility < VisibilityTimeout.MIN_SECONDS) {
            reporter.warn("The queue's visibility timeout is " + visibility + " s: " + VisibilityTimeout.WHY
                    + ". Set it to " + VisibilityTimeout.MIN_SECONDS + " s or more (wire-notifications sets 300 s)");
        }
    }
}
