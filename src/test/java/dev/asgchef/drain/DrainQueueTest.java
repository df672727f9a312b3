package dev.asgchef.drain;

import static dev.asgchef.testing.AwsMessages.instanceId;
import static dev.asgchef.testing.AwsMessages.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import dev.asgchef.chef.CleanupResult;
import dev.asgchef.chef.CleanupResult.Verdict;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.report.ExitStatus;
import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.ElasticMq;
import dev.asgchef.testing.FakeAutoScaling;
import dev.asgchef.testing.FakeEc2;
import dev.asgchef.testing.FaultySqs;
import dev.asgchef.testing.RecordingReporter;
import dev.asgchef.testing.TestQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.autoscaling.model.CompleteLifecycleActionRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.Message;

class DrainQueueTest {
    @RegisterExtension
    static final ElasticMq sqs = new ElasticMq();

    private final FakeEc2 ec2 = new FakeEc2();
    private final FakeAutoScaling autoScaling = new FakeAutoScaling();
    private final AtomicInteger clientsAsked = new AtomicInteger();
    private final RecordingReporter reporter = new RecordingReporter();
    private final FakeCleaner cleaner = new FakeCleaner();
    private FaultySqs faulty;
    private String queueUrl;
    private TestQueue queue;
    private Duration keepAliveEvery = DrainQueue.KEEP_ALIVE_EVERY;
    private Clock clock = Clock.systemUTC();

    @BeforeEach
    void setUp() {
        faulty = new FaultySqs(sqs.client());
        newQueue(30, 3);
    }

    /** A fresh queue with a dead-letter queue, so that tests never see each other's messages. */
    private void newQueue(int visibilitySeconds, int maxReceives) {
        queue = sqs.newQueue("drain-test", visibilitySeconds, maxReceives);
        queueUrl = queue.url();
    }

    private void send(String... bodies) {
        queue.send(bodies);
    }

    private Requests request() {
        return new Requests(queueUrl);
    }

    private DrainSummary drain(Requests request) {
        return drain(request, new StopSignal(), cleaner);
    }

    private DrainSummary drain(Requests request, StopSignal stop, NodeCleaner nodeCleaner) {
        return new DrainQueue(
                        faulty,
                        check(),
                        counted(autoScaling),
                        nodeCleaner,
                        reporter,
                        clock,
                        new SplittableRandom(11),
                        keepAliveEvery)
                .run(request.build(), stop);
    }

    /** EC2 asked in the region every sample message comes from. */
    private TerminationCheck check() {
        return new TerminationCheck(counted(ec2), counted(autoScaling), ElasticMq.REGION);
    }

    /** The client, counting in {@link #clientsAsked} each time the drain asks for it. */
    private <C> Supplier<C> counted(C client) {
        return () -> {
            clientsAsked.incrementAndGet();
            return client;
        };
    }

    private boolean warned(String fragment) {
        return reporter.warnings().stream().anyMatch(w -> w.contains(fragment));
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting: " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aTerminationIsCleanedThenItsMessageDeleted() {
        send(AwsMessages.terminate(instanceId(1)));
        DrainSummary summary = drain(request());
        assertEquals(List.of(instanceId(1)), cleaner.targets);
        assertEquals(0, queue.total());
        assertEquals("Drained 1 message: 1 cleaned", summary.line());
        assertEquals(ExitStatus.OK, summary.exitCode());
        assertEquals(
                "Drained 1 message: 1 cleaned",
                reporter.summaries().get(reporter.summaries().size() - 1));
    }

    @Test
    void everyDeliveryShapeOfATerminationIsCleaned() {
        send(
                AwsMessages.terminate(instanceId(1)),
                AwsMessages.rawTerminate(instanceId(2)),
                AwsMessages.eventBridgeTerminate(instanceId(3)));
        DrainSummary summary = drain(request());
        assertEquals(
                List.of(instanceId(1), instanceId(2), instanceId(3)),
                cleaner.targets.stream().sorted().toList());
        assertEquals(3, summary.count(Handling.CLEANED));
    }

    @Test
    void noMessageIsDeletedBeforeItsCleanupIsDone() {
        send(AwsMessages.terminate(instanceId(1)));
        List<Integer> inQueueDuringCleanup = new ArrayList<>();
        cleaner.during(target -> inQueueDuringCleanup.add(queue.hidden()));
        drain(request());
        assertEquals(List.of(1), inQueueDuringCleanup, "the message was still in the queue while being cleaned");
        assertEquals(0, queue.total());
    }

    @Test
    void handledMessagesAreDeletedInBatches() {
        for (int i = 1; i <= 20; i++) {
            send(AwsMessages.terminate(instanceId(i)));
        }
        DrainSummary summary = drain(request().workers(8));
        assertEquals(20, summary.count(Handling.CLEANED));
        assertEquals(0, queue.total());
        assertTrue(faulty.count("deleteMessageBatch") <= 4, "20 deletes in a few batches: " + faulty.operations());
    }

    @Test
    void cleanupsRunInParallelOnTheWorkers() {
        for (int i = 1; i <= 4; i++) {
            send(AwsMessages.terminate(instanceId(i)));
        }
        CountDownLatch allFourAtOnce = new CountDownLatch(4);
        List<Boolean> met = new java.util.concurrent.CopyOnWriteArrayList<>();
        cleaner.during(target -> {
            allFourAtOnce.countDown();
            try {
                met.add(allFourAtOnce.await(20, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        drain(request().workers(4).noVerification());
        assertEquals(List.of(true, true, true, true), met, "four cleanups were under way at the same time");
    }

    @Test
    void aLifecycleActionIsCompletedWithContinueAfterItsCleanup() {
        send(AwsMessages.lifecycle(instanceId(1), token(1)));
        List<Integer> completionsDuringCleanup = new ArrayList<>();
        cleaner.during(
                target -> completionsDuringCleanup.add(autoScaling.completions().size()));
        DrainSummary summary = drain(request());
        assertEquals(List.of(0), completionsDuringCleanup);
        CompleteLifecycleActionRequest completion = autoScaling.completions().get(0);
        assertEquals("CONTINUE", completion.lifecycleActionResult());
        assertEquals(token(1), completion.lifecycleActionToken());
        assertEquals("chef-cleanup", completion.lifecycleHookName());
        assertEquals("web-asg", completion.autoScalingGroupName());
        assertTrue(reporter.lines()
                .contains("Completing Lifecycle Action chef-cleanup for " + instanceId(1) + ": Success"));
        assertEquals(1, summary.count(Handling.CLEANED));
        assertEquals(0, queue.total());
    }

    @Test
    void aLifecycleActionThatAlreadyEndedIsHandledNotAnError() {
        send(AwsMessages.lifecycle(instanceId(1), token(1)));
        autoScaling.failOn("completeLifecycleAction", FakeAutoScaling.noActiveLifecycleAction(token(1)));
        DrainSummary summary = drain(request());
        assertTrue(reporter.lines()
                .contains(
                        "Completing Lifecycle Action chef-cleanup for " + instanceId(1) + ": Skipped (already ended)"));
        assertEquals(ExitStatus.OK, summary.exitCode());
        assertEquals(0, queue.total());
    }

    @Test
    void aCompletionAutoScalingRefusesLeavesTheMessageForRetry() {
        send(AwsMessages.lifecycle(instanceId(1), token(1)));
        autoScaling.failOn("completeLifecycleAction", FakeAutoScaling.error(400, "Throttling", "Rate exceeded"));
        DrainSummary summary = drain(request());
        assertEquals(1, summary.count(Handling.FAILED));
        assertEquals(1, queue.hidden(), "left, to come back after the visibility timeout");
        assertTrue(reporter.lines().stream().anyMatch(l -> l.endsWith(": Failed (Throttling: Rate exceeded)")));
        assertEquals(ExitStatus.FAILED, summary.exitCode(), "nothing could be done");
    }

    @Test
    void aSlowLifecycleCleanupSendsHeartbeats() {
        keepAliveEvery = Duration.ofMillis(20);
        send(AwsMessages.lifecycle(instanceId(1), token(1)));
        cleaner.during(target -> await(() -> autoScaling.heartbeats().size() >= 2, "two heartbeats"));
        drain(request());
        assertEquals(token(1), autoScaling.heartbeats().get(0).lifecycleActionToken());
        assertEquals("chef-cleanup", autoScaling.heartbeats().get(0).lifecycleHookName());
        assertEquals(1, autoScaling.completions().size());
    }

    @Test
    void aDryRunRecordsNoHeartbeat() {
        keepAliveEvery = Duration.ofMillis(20);
        send(AwsMessages.lifecycle(instanceId(1), token(1)));
        cleaner.otherwise(Verdict.WOULD_CLEAN);
        cleaner.during(target -> await(() -> faulty.count("changeMessageVisibilityBatch") >= 3, "three beats"));
        drain(request().dryRun());
        assertEquals(List.of(), autoScaling.heartbeats());
        assertEquals(List.of(), autoScaling.completions());
    }

    @Test
    void messagesInWorkAreKeptHiddenTenToACall() {
        keepAliveEvery = Duration.ofMillis(50);
        for (int i = 1; i <= 10; i++) {
            send(AwsMessages.terminate(instanceId(i)));
        }
        CountDownLatch allStarted = new CountDownLatch(10);
        cleaner.during(
                target -> {
                    allStarted.countDown();
                    await(
                            () -> faulty
                                    .requests("changeMessageVisibilityBatch", ChangeMessageVisibilityBatchRequest.class)
                                    .stream()
                                    .anyMatch(r -> r.entries().size() == 10),
                            "one beat for all ten");
                });
        DrainSummary summary = drain(request().workers(10));
        assertEquals("Drained 10 messages: 10 cleaned", summary.line());
        assertEquals(0, faulty.count("changeMessageVisibility"), "never one message at a time");
        assertEquals(0, allStarted.getCount());
    }

    @Test
    void aSlowCleanupKeepsItsMessageHiddenFromOtherConsumers() {
        newQueue(2, 3);
        keepAliveEvery = Duration.ofMillis(300);
        send(AwsMessages.terminate(instanceId(1)));
        AtomicReference<List<Message>> seenByAnother = new AtomicReference<>();
        cleaner.during(target -> {
            // Past the queue's 2 s visibility timeout: only the extensions keep it hidden.
            await(() -> faulty.count("changeMessageVisibilityBatch") >= 8, "eight extensions");
            seenByAnother.set(sqs.client()
                    .receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(0))
                    .messages());
        });
        drain(request());
        assertEquals(List.of(), seenByAnother.get());
        assertEquals(0, queue.total());
    }

    @Test
    void testAndLaunchNotificationsAreDeletedAsHandled() {
        send(
                AwsMessages.testNotification(),
                AwsMessages.launch(instanceId(1)),
                AwsMessages.sample("asg-launch-error.json"));
        DrainSummary summary = drain(request());
        assertEquals("Drained 3 messages: 1 test notification, 2 ignored", summary.line());
        assertEquals(List.of(), cleaner.targets);
        assertEquals(0, queue.total());
        assertEquals(List.of(), ec2.requests("describeInstances", DescribeInstancesRequest.class), "nothing to verify");
    }

    @Test
    void aFailedCleanupLeavesItsMessageToComeBackThenReachTheDeadLetterQueue() {
        newQueue(3, 2);
        send(AwsMessages.terminate(instanceId(1)));
        cleaner.otherwise(Verdict.FAILED);
        Duration backoff = Duration.ofSeconds(2);
        DrainSummary first = drain(request().retryDelays(backoff, backoff).maxMessages(1));
        assertEquals("Drained 1 message: 1 failed (left for retry) (--max-messages reached)", first.line());
        assertEquals(ExitStatus.FAILED, first.exitCode());
        DrainSummary second =
                drain(request().retryDelays(backoff, backoff).maxMessages(1).waitSeconds(5));
        assertEquals(1, second.count(Handling.FAILED), "it came back after its backoff");
        DrainSummary third = drain(request().waitSeconds(5));
        assertEquals(0, third.received(), "after two receives it moved on");
        assertEquals(1, queue.deadLetterQueue().orElseThrow().visible(), "to the dead-letter queue");
        assertEquals(List.of(instanceId(1), instanceId(1)), cleaner.targets);
    }

    @Test
    void aRefusedCleanupIsLeftWithAWarning() {
        send(AwsMessages.terminate(instanceId(1)));
        cleaner.answer(instanceId(1), Verdict.REFUSED);
        DrainSummary summary = drain(request());
        assertEquals(1, summary.count(Handling.REFUSED));
        assertTrue(
                warned("The cleanup of " + instanceId(1) + " was refused (node " + instanceId(1)),
                reporter.warnings().toString());
        assertEquals(1, queue.hidden());
    }

    @Test
    void aCleanerThatThrowsLosesNothing() {
        send(AwsMessages.terminate(instanceId(1)), AwsMessages.terminate(instanceId(2)));
        NodeCleaner broken = target -> {
            if (target.equals(instanceId(1))) {
                throw new IllegalStateException("bug");
            }
            return FakeCleaner.result(target, Verdict.CLEANED);
        };
        DrainSummary summary = drain(request(), new StopSignal(), broken);
        assertEquals("Drained 2 messages: 1 cleaned, 1 failed (left for retry)", summary.line());
        assertEquals(ExitStatus.PARTIAL, summary.exitCode());
        assertEquals(1, queue.hidden());
    }

    @Test
    void evenAnErrorInACleanupLeavesTheMessageAndTheRunEnds() {
        send(AwsMessages.terminate(instanceId(1)), AwsMessages.terminate(instanceId(2)));
        NodeCleaner broken = target -> {
            if (target.equals(instanceId(1))) {
                throw new StackOverflowError("deep");
            }
            return FakeCleaner.result(target, Verdict.CLEANED);
        };
        DrainSummary summary = drain(request().workers(1), new StopSignal(), broken);
        assertEquals("Drained 2 messages: 1 cleaned, 1 failed (left for retry)", summary.line());
        assertEquals(1, queue.hidden());
    }

    @Test
    void aMalformedMessageGoesToTheDeadLetterQueueAtOnceWithAWarning() {
        send("not json at all");
        DrainSummary summary = drain(request());
        assertEquals("Drained 1 message: 1 malformed (sent to the dead-letter queue)", summary.line());
        assertTrue(
                warned("is malformed (the body is not JSON"),
                reporter.warnings().toString());
        assertTrue(
                warned("sent to the dead-letter queue " + queue.name() + "-dlq"),
                reporter.warnings().toString());
        assertEquals(0, queue.total(), "deleted from the source queue");
        assertEquals(1, queue.deadLetterQueue().orElseThrow().visible());
        assertEquals(ExitStatus.PARTIAL, summary.exitCode(), "only a malformed message is left: partial");
    }

    @Test
    void deleteMalformedDropsMalformedMessages() {
        send("not json at all", AwsMessages.terminate(instanceId(1)));
        DrainSummary summary = drain(request().deleteMalformed());
        assertEquals("Drained 2 messages: 1 cleaned, 1 malformed (deleted)", summary.line());
        assertEquals(0, queue.total());
        assertEquals(ExitStatus.OK, summary.exitCode());
    }

    @Test
    void aRunningInstanceKeepsItsNodeAndItsMessageWithAWarning() {
        ec2.instance(instanceId(1), "running");
        autoScaling.lifecycleState(instanceId(1), "InService");
        send(AwsMessages.terminate(instanceId(1)));
        DrainSummary summary = drain(request());
        assertEquals(List.of(), cleaner.targets);
        assertEquals("Drained 1 message: 1 still running (left for retry)", summary.line());
        assertTrue(
                warned(instanceId(1) + " is still running (EC2 state running, Auto Scaling InService)"),
                reporter.warnings().toString());
        assertEquals(1, queue.hidden());
    }

    @Test
    void aRunningInstanceInNoGroupIsStillRunning() {
        ec2.instance(instanceId(1), "stopped");
        send(AwsMessages.terminate(instanceId(1)));
        DrainSummary summary = drain(request());
        assertEquals(1, summary.count(Handling.STILL_RUNNING));
        assertTrue(
                warned("EC2 state stopped, in no Auto Scaling group"),
                reporter.warnings().toString());
    }

    @Test
    void shuttingDownTerminatedAndGoneInstancesAreCleaned() {
        ec2.instance(instanceId(1), "shutting-down").instance(instanceId(2), "terminated");
        send(
                AwsMessages.terminate(instanceId(1)),
                AwsMessages.terminate(instanceId(2)),
                AwsMessages.terminate(instanceId(3)));
        DrainSummary summary = drain(request());
        assertEquals(3, summary.count(Handling.CLEANED));
        assertEquals(List.of(), autoScaling.describes(), "Auto Scaling is asked only about running instances");
    }

    @Test
    void anInstanceHeldByATerminatingHookIsCleanedWhileStillRunning() {
        ec2.instance(instanceId(1), "running");
        autoScaling.lifecycleState(instanceId(1), "Terminating:Wait");
        send(AwsMessages.lifecycle(instanceId(1), token(1)));
        DrainSummary summary = drain(request());
        assertEquals(List.of(instanceId(1)), cleaner.targets);
        assertEquals(1, autoScaling.completions().size());
        assertEquals(ExitStatus.OK, summary.exitCode());
    }

    @Test
    void anEc2ErrorIsNotAnAnswer() {
        ec2.failOn("describeInstances", FakeEc2.error(503, "RequestLimitExceeded", "Request limit exceeded."));
        send(AwsMessages.terminate(instanceId(1)));
        DrainSummary summary = drain(request());
        assertEquals(List.of(), cleaner.targets);
        assertEquals("Drained 1 message: 1 not verified (left for retry)", summary.line());
        assertTrue(
                warned("Cannot verify that " + instanceId(1)
                        + " is terminated (EC2: RequestLimitExceeded: Request limit exceeded.)"),
                reporter.warnings().toString());
        assertEquals(1, queue.hidden());
    }

    @Test
    void aMissingAutoScalingPermissionIsNotAnAnswer() {
        ec2.instance(instanceId(1), "running");
        autoScaling.failOn(
                "describeAutoScalingInstances", FakeAutoScaling.error(403, "AccessDenied", "not authorized"));
        send(AwsMessages.lifecycle(instanceId(1), token(1)));
        DrainSummary summary = drain(request());
        assertEquals(List.of(), cleaner.targets);
        assertEquals(1, summary.count(Handling.UNVERIFIED));
        assertEquals(List.of(), autoScaling.completions());
    }

    @Test
    void eachBatchIsVerifiedWithOneEc2Call() {
        for (int i = 1; i <= 10; i++) {
            send(AwsMessages.terminate(instanceId(i)));
        }
        drain(request().workers(1));
        assertEquals(10, ec2.askedAbout().stream().mapToInt(List::size).sum());
        assertEquals(
                faulty.count("receiveMessage") - 1,
                ec2.requests("describeInstances", DescribeInstancesRequest.class)
                        .size(),
                "one call per non-empty receive");
        assertTrue(
                ec2.requests("describeInstances", DescribeInstancesRequest.class)
                                .size()
                        < 10,
                "batched: " + ec2.askedAbout());
    }

    @Test
    void withoutVerificationEc2IsNotAsked() {
        ec2.instance(instanceId(1), "running");
        send(AwsMessages.terminate(instanceId(1)));
        DrainSummary summary = drain(request().noVerification());
        assertEquals(1, summary.count(Handling.CLEANED));
        assertEquals(List.of(), ec2.requests("describeInstances", DescribeInstancesRequest.class));
    }

    @Test
    void maxDeletionsStopsTheRunAndLeavesTheRestOfTheQueueUntouched() {
        for (int i = 1; i <= 25; i++) {
            send(AwsMessages.terminate(instanceId(i)));
        }
        DrainSummary summary = drain(request().workers(2).maxDeletions(5));
        assertEquals(5, cleaner.targets.size());
        assertEquals(5, summary.count(Handling.CLEANED));
        assertEquals(StopReason.MAX_DELETIONS, summary.stopReason());
        assertEquals(20, queue.visible(), "the rest is back in the queue at once");
        assertEquals(0, queue.hidden());
        assertEquals(ExitStatus.PARTIAL, summary.exitCode());
        assertTrue(warned("--max-deletions 5 reached"), reporter.warnings().toString());
        assertTrue(summary.line().endsWith("(--max-deletions reached)"), summary.line());
    }

    @Test
    void anAlreadyAbsentNodeDoesNotUseUpTheDeletionBudget() {
        // Five nodes already gone and two to delete, with room for two deletions: whatever order the messages come
        // in, both deletions happen. Counting cleanups started, as the limit once did, both happen only if the two
        // come first.
        for (int i = 1; i <= 7; i++) {
            send(AwsMessages.terminate(instanceId(i)));
        }
        for (int i = 1; i <= 5; i++) {
            cleaner.answer(instanceId(i), CleanupResult.Verdict.ALREADY_ABSENT);
        }
        DrainSummary summary = drain(request().workers(2).maxDeletions(2));
        assertEquals(2, summary.count(Handling.CLEANED), summary.line());
        assertTrue(cleaner.targets.containsAll(List.of(instanceId(6), instanceId(7))), cleaner.targets.toString());
        assertEquals(1, cleaner.targets.stream().filter(instanceId(6)::equals).count(), "deleted once");
        assertEquals(
                summary.received(),
                summary.count(Handling.CLEANED)
                        + summary.count(Handling.ALREADY_ABSENT)
                        + summary.count(Handling.OVER_LIMIT),
                summary.line());
    }

    @Test
    void theDeletionBudgetCountsDeletionsSoTheRunStopsAfterNDeletedNodes() {
        for (int i = 1; i <= 8; i++) {
            send(AwsMessages.terminate(instanceId(i)));
        }
        cleaner.answer(instanceId(1), CleanupResult.Verdict.ALREADY_ABSENT);
        cleaner.answer(instanceId(2), CleanupResult.Verdict.ALREADY_ABSENT);
        DrainSummary summary = drain(request().workers(1).maxDeletions(2));
        assertEquals(2, summary.count(Handling.CLEANED));
        assertEquals(StopReason.MAX_DELETIONS, summary.stopReason());
        assertTrue(warned("--max-deletions 2 reached"), reporter.warnings().toString());
    }

    @Test
    void maxMessagesBoundsTheRun() {
        for (int i = 1; i <= 25; i++) {
            send(AwsMessages.terminate(instanceId(i)));
        }
        DrainSummary summary = drain(request().maxMessages(12));
        assertEquals(12, summary.received());
        assertEquals(13, queue.visible());
        assertEquals(StopReason.MAX_MESSAGES, summary.stopReason());
        assertEquals(ExitStatus.OK, summary.exitCode());
    }

    @Test
    void maxDurationStopsReceivingButFinishesWhatWasReceived() {
        MutableClock mutable = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
        clock = mutable;
        for (int i = 1; i <= 25; i++) {
            send(AwsMessages.terminate(instanceId(i)));
        }
        cleaner.during(target -> mutable.advance(Duration.ofMinutes(10)));
        DrainSummary summary = drain(request().workers(1).maxDuration(Duration.ofMinutes(5)));
        assertEquals(StopReason.MAX_DURATION, summary.stopReason());
        assertEquals(10, summary.count(Handling.CLEANED), "the first batch, received in time, is finished");
        assertEquals(15, queue.visible());
    }

    @Test
    void followKeepsPollingAnEmptyQueueUntilStopped() throws Exception {
        StopSignal stop = new StopSignal();
        AtomicReference<DrainSummary> result = new AtomicReference<>();
        Thread run = new Thread(() -> result.set(drain(request().follow(), stop, cleaner)));
        run.start();
        await(() -> faulty.count("receiveMessage") >= 2, "an empty receive and another");
        send(AwsMessages.terminate(instanceId(1)));
        await(() -> cleaner.targets.size() == 1, "the first message");
        send(AwsMessages.terminate(instanceId(2)));
        await(() -> cleaner.targets.size() == 2, "the second message");
        stop.request();
        run.join(30_000);
        assertFalse(run.isAlive());
        assertEquals(
                "Drained 2 messages: 2 cleaned (stopped by signal)",
                result.get().line());
        assertEquals(ExitStatus.OK, result.get().exitCode());
        assertEquals(0, queue.total());
    }

    @Test
    void aStopFinishesCleanupsInFlightAndReturnsTheRestUnstarted() {
        for (int i = 1; i <= 10; i++) {
            send(AwsMessages.terminate(instanceId(i)));
        }
        StopSignal stop = new StopSignal();
        cleaner.during(target -> stop.request());
        DrainSummary summary = drain(request().workers(1), stop, cleaner);
        assertEquals(1, cleaner.targets.size(), "the cleanup under way when the stop came");
        assertEquals(1, summary.count(Handling.CLEANED));
        assertEquals(9, summary.count(Handling.NOT_STARTED));
        assertEquals(9, queue.visible(), "nothing unfinished deleted; back in the queue at once");
        assertEquals(0, queue.hidden());
        assertEquals(ExitStatus.OK, summary.exitCode());
        assertEquals(StopReason.STOPPED, summary.stopReason());
    }

    @Test
    void aDryRunDeletesNothingAnywhereAndReturnsEveryMessageAtOnce() {
        send(
                AwsMessages.terminate(instanceId(1)),
                AwsMessages.lifecycle(instanceId(2), token(2)),
                AwsMessages.testNotification(),
                "not json");
        cleaner.otherwise(Verdict.WOULD_CLEAN);
        DrainSummary summary = drain(request().dryRun());
        assertEquals(
                "Dry run: read 4 messages (nothing deleted, all back in the queue): 2 would be cleaned, 1 test"
                        + " notification, 1 malformed (left in the queue)",
                summary.line());
        assertEquals(4, queue.visible());
        assertEquals(0, queue.hidden());
        assertEquals(0, faulty.count("deleteMessageBatch"));
        assertEquals(List.of(), autoScaling.completions());
        assertTrue(reporter.lines()
                .contains(
                        "Would complete Lifecycle Action chef-cleanup for " + instanceId(2) + ": CONTINUE (web-asg)"));
    }

    @Test
    void aDeleteBatchThatFailsLeavesItsMessagesAndTheNextRunFindsNothingLeft() {
        newQueue(3, 5);
        send(AwsMessages.terminate(instanceId(1)), AwsMessages.terminate(instanceId(2)));
        faulty.failNext(
                "deleteMessageBatch", FaultySqs.error(500, "InternalError", "We encountered an internal error"), 1);
        DrainSummary first = drain(request().workers(1));
        assertEquals("Drained 2 messages: 2 done but not deleted (left for retry)", first.line());
        assertTrue(
                warned("Could not delete 2 handled messages (InternalError"),
                reporter.warnings().toString());
        cleaner.otherwise(Verdict.ALREADY_ABSENT);
        DrainSummary second = drain(request().waitSeconds(5));
        assertEquals("Drained 2 messages: 2 already absent", second.line());
        assertEquals(0, queue.total());
    }

    @Test
    void entriesOfADeleteBatchThatFailAreCountedAsNotDeleted() {
        for (int i = 1; i <= 10; i++) {
            send(AwsMessages.terminate(instanceId(i)));
        }
        faulty.refuseNextDeleteEntries(3);
        DrainSummary summary = drain(request().workers(2));
        assertEquals(7, summary.count(Handling.CLEANED));
        assertEquals(3, summary.count(Handling.NOT_DELETED));
        assertEquals(3, queue.hidden());
        assertEquals(ExitStatus.PARTIAL, summary.exitCode());
    }

    @Test
    void aReceiveFailureMidRunFinishesWhatIsInWorkThenStops() {
        for (int i = 1; i <= 15; i++) {
            send(AwsMessages.terminate(instanceId(i)));
        }
        CountDownLatch firstCleanup = new CountDownLatch(1);
        cleaner.during(target -> {
            if (firstCleanup.getCount() == 1) {
                faulty.failNext("receiveMessage", FaultySqs.error(500, "InternalError", "SQS is down"), 1);
                firstCleanup.countDown();
            }
        });
        DrainSummary summary = drain(request().workers(1));
        assertEquals(StopReason.RECEIVE_FAILED, summary.stopReason());
        assertTrue(summary.count(Handling.CLEANED) >= 10, summary.line());
        assertEquals(ExitStatus.PARTIAL, summary.exitCode());
        assertTrue(
                warned("Receiving from the queue failed (InternalError: SQS is down)"),
                reporter.warnings().toString());
        assertEquals(15 - summary.count(Handling.CLEANED), queue.visible());
    }

    @Test
    void aReceiveFailureBeforeAnythingIsDoneMeansNothingCouldBeDone() {
        send(AwsMessages.terminate(instanceId(1)));
        faulty.failNext("receiveMessage", FaultySqs.error(403, "AccessDenied", "not authorized"), 1);
        DrainSummary summary = drain(request());
        assertEquals(ExitStatus.FAILED, summary.exitCode());
        assertEquals("Drained 0 messages: the queue was empty (receiving from the queue failed)", summary.line());
    }

    @Test
    void anUnknownQueueIsOneLineNamingTheFix() {
        queueUrl = "no-such-queue";
        AsgchefException e = assertThrows(AsgchefException.class, () -> drain(request()));
        assertEquals(
                "The queue 'no-such-queue' does not exist here: check --queue, --region and --profile"
                        + " (wire-notifications creates the queue)",
                e.getMessage());
    }

    @Test
    void aQueueNamedByNameIsFound() {
        send(AwsMessages.terminate(instanceId(1)));
        queueUrl = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        DrainSummary summary = drain(request());
        assertEquals(1, summary.count(Handling.CLEANED));
    }

    @Test
    void anEmptyQueueEndsTheRunAtOnce() {
        DrainSummary summary = drain(request());
        assertEquals("Drained 0 messages: the queue was empty", summary.line());
        assertEquals(ExitStatus.OK, summary.exitCode());
        assertEquals(1, faulty.count("receiveMessage"));
    }

    @Test
    void anEmptyQueueNeverAsksForTheEc2OrAutoScalingClient() {
        drain(request());
        assertEquals(0, clientsAsked.get());
    }

    @Test
    void aTerminationToVerifyAsksForTheEc2Client() {
        send(AwsMessages.terminate(instanceId(1)));
        drain(request());
        assertTrue(clientsAsked.get() > 0);
    }

    @Test
    void aQueueWithoutDeadLetterQueueIsWarnedAbout() {
        queueUrl = sqs.newPlainQueue("drain-test-plain");
        drain(request());
        assertTrue(
                warned("The queue has no dead-letter queue"),
                reporter.warnings().toString());
    }

    @Test
    void duplicateNotificationsForOneInstanceAreBothHandled() {
        send(AwsMessages.terminate(instanceId(1)), AwsMessages.lifecycle(instanceId(1), token(1)));
        java.util.Set<String> gone = java.util.concurrent.ConcurrentHashMap.newKeySet();
        NodeCleaner idempotent =
                target -> FakeCleaner.result(target, gone.add(target) ? Verdict.CLEANED : Verdict.ALREADY_ABSENT);
        DrainSummary summary = drain(request().workers(1), new StopSignal(), idempotent);
        assertEquals("Drained 2 messages: 1 cleaned, 1 already absent", summary.line());
        assertEquals(0, queue.total());
    }

    @Test
    void theResultCarriesTheCountsForJsonOutput() {
        send(AwsMessages.terminate(instanceId(1)), AwsMessages.testNotification());
        drain(request());
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) reporter.results().get("drain");
        assertEquals(2L, result.get("received"));
        assertEquals(2L, result.get("deleted"));
        assertEquals(Map.of("cleaned", 1L, "test_notification", 1L), result.get("counts"));
        assertEquals(queueUrl, reporter.results().get("queueUrl"));
    }

    @Test
    void progressIsReportedAsMessagesAreReceived() {
        send(AwsMessages.terminate(instanceId(1)), AwsMessages.terminate(instanceId(2)));
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.asgchef.report.Reporter withProgress = new dev.asgchef.report.Reporter() {
            @Override
            public void announce(String line) {}

            @Override
            public void step(dev.asgchef.report.Step step) {}

            @Override
            public void warn(String message) {}

            @Override
            public void detail(String message) {}

            @Override
            public void progress(String message) {
                progress.add(message);
            }

            @Override
            public void result(String name, Object value) {}

            @Override
            public void summary(String line) {}

            @Override
            public void finish(int exitCode) {}
        };
        new DrainQueue(
                        faulty,
                        check(),
                        counted(autoScaling),
                        cleaner,
                        withProgress,
                        clock,
                        new SplittableRandom(11),
                        keepAliveEvery)
                .run(request().build(), new StopSignal());
        assertFalse(progress.isEmpty());
        assertTrue(
                progress.get(0).matches("drain-queue: [12] received, \\d settled, \\d in work"), progress.toString());
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
