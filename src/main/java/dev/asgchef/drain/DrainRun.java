package dev.asgchef.drain;

import dev.asgchef.InstanceId;
import dev.asgchef.aws.AwsFailure;
import dev.asgchef.aws.QueueAttributes;
import dev.asgchef.events.Events;
import dev.asgchef.events.Ignorable;
import dev.asgchef.events.InstanceEvent;
import dev.asgchef.report.Reporter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The state and threads of one drain: the receive loop on the caller's thread, cleanups on the workers. */
final class DrainRun {
    private static final int BATCH = 10;
    /**
     * How long cleanups in flight may go on after a stop is requested. A hanging Chef request is abandoned then, its
     * message left for retry: a stop ends within one long poll plus this, well under systemd's 90 s stop timeout.
     */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final DrainRequest request;
    private final StopSignal stop;
    private final QueueAttributes queue;
    private final SqsClient sqs;
    private final TerminationCheck check;
    private final LifecycleActions lifecycle;
    private final Reporter reporter;
    private final Clock clock;
    private final HandlingCounts counts = new HandlingCounts();
    private final DeleteOrReturn deleteOrReturn;
    /** Messages received and not yet settled: the workers' queue plus one batch ahead, so they never wait. */
    private final Semaphore capacity;

    private final int capacityLimit;
    private final MessageDecider decider;
    /** Messages this run left for retry: if one comes back, it is handed back at once, not tried again. */
    private final Set<String> triedThisRun = ConcurrentHashMap.newKeySet();
    /** Received and not yet settled: what a stop's grace abandons when it runs out. */
    private final Set<InFlight> unsettled = ConcurrentHashMap.newKeySet();

    private long received;
    private Instant lastProgress;

    DrainRun(
            DrainRequest request,
            StopSignal stop,
            QueueAttributes queue,
            SqsClient sqs,
            TerminationCheck check,
            LifecycleActions lifecycle,
            MessageDecider decider,
            Reporter reporter,
            Clock clock) {
        this.request = request;
        this.stop = stop;
        this.queue = queue;
        this.sqs = sqs;
        this.check = check;
        this.lifecycle = lifecycle;
        this.reporter = reporter;
        this.clock = clock;
        this.deleteOrReturn = new DeleteOrReturn(
                sqs, queue.url(), DeadLetters.of(sqs, queue, reporter), reporter, counts, request.dryRun());
        this.capacityLimit = request.workers() + BATCH;
        this.capacity = new Semaphore(capacityLimit);
        this.decider = decider;
    }

    StopReason execute(Duration keepAliveEvery) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("drain-timer"));
        ExecutorService workers = Executors.newFixedThreadPool(request.workers(), daemon("drain-worker"));
        try (KeepAlive keepAlive = new KeepAlive(
                sqs,
                queue,
                request.dryRun() ? null : lifecycle,
                reporter,
                daemon("drain-keep-alive"),
                keepAliveEvery)) {
            timer.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
            StopReason reason = receiveLoop(workers, keepAlive);
            // Every message is settled once all permits are back: in-flight cleanups finish, whatever the reason,
            // within the grace once a stop is requested.
            awaitInFlight();
            timer.shutdown();
            awaitQuietly(timer);
            deleteOrReturn.flush();
            deleteOrReturn.returnHeld();
            return reason;
        } finally {
            timer.shutdownNow();
            workers.shutdownNow();
        }
    }

    private void awaitInFlight() {
        long graceEnds = Long.MAX_VALUE;
        try {
            while (!capacity.tryAcquire(capacityLimit, 100, TimeUnit.MILLISECONDS)) {
                if (stop.requested() && graceEnds == Long.MAX_VALUE) {
                    graceEnds = System.nanoTime() + STOP_GRACE.toNanos();
                }
                if (System.nanoTime() - graceEnds > 0) {
                    abandonInFlight();
                    capacity.acquireUninterruptibly(capacityLimit);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandonInFlight();
        }
    }

    /** Leaves every unsettled message for retry; a worker that finishes later finds its message settled. */
    private void abandonInFlight() {
        List<InFlight> left = List.copyOf(unsettled);
        if (!left.isEmpty()) {
            reporter.warn(left.size() + (left.size() == 1 ? " message was" : " messages were") + " still in work "
                    + STOP_GRACE.toSeconds() + " s after the stop: abandoned and left for retry, not deleted");
        }
        left.forEach(m -> settle(m, decider.abandoned(m.id(), m.receiveCount().orElse(0), STOP_GRACE)));
    }

    DrainSummary summary(StopReason reason, Duration elapsed) {
        return counts.summary(reason, request.dryRun(), elapsed);
    }

    private StopReason receiveLoop(ExecutorService workers, KeepAlive keepAlive) {
        Instant deadline = request.maxDuration().map(clock.instant()::plus).orElse(Instant.MAX);
        while (true) {
            StopReason limit = limitReached(deadline);
            if (limit != null) {
                return limit;
            }
            int want = (int) Math.min(BATCH, remainingMessages());
            if (!acquire(want)) {
                return StopReason.STOPPED;
            }
            limit = limitReached(deadline);
            if (limit != null) {
                capacity.release(want);
                return limit;
            }
            List<Message> messages;
            try {
                messages = receive(want, waitSeconds(deadline));
            } catch (SdkException e) {
                capacity.release(want);
                reporter.warn("Receiving from the queue failed (" + AwsFailure.reason(e) + "): stopping after the"
                        + " messages in work");
                return StopReason.RECEIVE_FAILED;
            }
            capacity.release(want - messages.size());
            List<InFlight> batch = new ArrayList<>();
            for (Message m : messages) {
                if (triedThisRun.contains(m.messageId())) {
                    handBackAgain(new InFlight(m, new Ignorable("a message this run already tried")));
                } else {
                    batch.add(new InFlight(m, Events.parse(m.body())));
                }
            }
            received += batch.size();
            unsettled.addAll(batch);
            batch.forEach(keepAlive::start);
            if (stop.requested()) {
                batch.forEach(m -> settle(m, MessageDecision.of(m.id(), Handling.NOT_STARTED, "stopping")));
                return StopReason.STOPPED;
            }
            if (!batch.isEmpty()) {
                workers.execute(() -> {
                    try {
                        verifyAndDispatch(batch, workers);
                    } catch (Throwable t) {
                        // Whatever went wrong, the run must end: the batch is left for retry, nothing deleted.
                        reporter.warn("Dispatching " + batch.size() + " messages failed (" + t + "): left for retry");
                        batch.forEach(m -> settle(
                                m, decider.failed(m.id(), m.receiveCount().orElse(0), t)));
                    }
                });
            } else if (!request.follow()) {
                // Empty, or only messages this run already tried: nothing new to do.
                return StopReason.EMPTY;
            }
            progress();
        }
    }

    private StopReason limitReached(Instant deadline) {
        if (stop.requested()) {
            return StopReason.STOPPED;
        }
        if (decider.deletionLimitReached()) {
            return StopReason.MAX_DELETIONS;
        }
        if (remainingMessages() <= 0) {
            return StopReason.MAX_MESSAGES;
        }
        if (!clock.instant().isBefore(deadline)) {
            return StopReason.MAX_DURATION;
        }
        return null;
    }

    private long remainingMessages() {
        return request.maxMessages().isPresent() ? request.maxMessages().getAsLong() - received : Long.MAX_VALUE;
    }

    /** Waits for room for {@code n} more messages; false when a stop is requested meanwhile. */
    private boolean acquire(int n) {
        try {
            while (!capacity.tryAcquire(n, 100, TimeUnit.MILLISECONDS)) {
                if (stop.requested()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int waitSeconds(Instant deadline) {
        if (deadline.equals(Instant.MAX)) {
            return request.waitSeconds();
        }
        long left = Duration.between(clock.instant(), deadline).toSeconds();
        return (int) Math.max(1, Math.min(request.waitSeconds(), left));
    }

    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(queue.url())
                        .maxNumberOfMessages(max)
                        .waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
    }

    /** One EC2 call for the batch's instances, then each message to a worker. */
    private void verifyAndDispatch(List<InFlight> batch, ExecutorService workers) {
        Map<InstanceId, TerminationCheck.Finding> findings = Map.of();
        if (request.verifyTerminated()) {
            List<InstanceEvent> instances = batch.stream()
                    .map(InFlight::event)
                    .filter(InstanceEvent.class::isInstance)
                    .map(InstanceEvent.class::cast)
                    .toList();
            try {
                findings = check.checkEvents(instances);
            } catch (RuntimeException e) {
                reporter.detail("Verifying instances failed: " + e);
            }
        }
        Map<InstanceId, TerminationCheck.Finding> answers = findings;
        for (InFlight message : batch) {
            TerminationCheck.Finding finding =
                    message.event() instanceof InstanceEvent instance ? answers.get(instance.instanceId()) : null;
            workers.execute(() -> decideAndSettle(message, finding));
        }
    }

    private void decideAndSettle(InFlight message, TerminationCheck.Finding finding) {
        int receiveCount = message.receiveCount().orElse(0);
        MessageDecision decision;
        try {
            decision = decider.decide(message.id(), message.event(), receiveCount, finding, message);
        } catch (Error e) {
            // Left for retry, so the run still ends; reported, never left to the JVM's default handler.
            decision = decider.failed(message.id(), receiveCount, e);
        }
        settle(message, decision);
    }

    private void settle(InFlight message, MessageDecision decision) {
        if (!message.settle()) {
            return;
        }
        unsettled.remove(message);
        try {
            if (decision.verdict() == MessageDecision.Verdict.RETRY) {
                triedThisRun.add(message.id());
            }
            deleteOrReturn.settle(message, decision);
        } finally {
            capacity.release();
        }
    }

    /** Not counted again and holds no capacity: only its visibility changes, to its backoff from this receive on. */
    private void handBackAgain(InFlight message) {
        capacity.release();
        if (request.dryRun()) {
            return;
        }
        MessageDecision again =
                decider.again(message.id(), message.receiveCount().orElse(0));
        deleteOrReturn.handBackUncounted(message, (int) again.retryAfter().toSeconds());
    }

    private void progress() {
        Instant now = clock.instant();
        if (lastProgress == null || Duration.between(lastProgress, now).compareTo(Duration.ofSeconds(1)) >= 0) {
            lastProgress = now;
            long settled = counts.total();
            reporter.progress("drain-queue: " + received + " received, " + settled + " settled, " + (received - settled)
                    + " in work");
        }
    }

    private void flushQuietly() {
        try {
            deleteOrReturn.flush();
        } catch (RuntimeException e) {
            reporter.detail("Deleting a batch failed: " + e);
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
