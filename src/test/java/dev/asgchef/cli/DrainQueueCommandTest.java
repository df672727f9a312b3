package dev.asgchef.cli;

import static dev.asgchef.testing.AwsMessages.instanceId;
import static dev.asgchef.testing.AwsMessages.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.aws.AwsClients;
import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.ElasticMq;
import dev.asgchef.testing.FakeAutoScaling;
import dev.asgchef.testing.FakeChefServer;
import dev.asgchef.testing.FakeEc2;
import dev.asgchef.testing.FaultySqs;
import dev.asgchef.testing.TestQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * drain-queue end to end, as an operator runs it: the CLI in-process against ElasticMQ (SQS) and the in-process Chef
 * server, with EC2 and Auto Scaling answered by fakes.
 */
class DrainQueueCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ElasticMq sqs = new ElasticMq();

    @TempDir
    Path directory;

    private FakeChefServer chef;
    private final FakeEc2 ec2 = new FakeEc2();
    private final FakeAutoScaling autoScaling = new FakeAutoScaling();
    private FaultySqs faultySqs;
    private TestQueue queue;
    private String queueUrl;

    @BeforeEach
    void setUp() {
        chef = FakeChefServer.start();
        chef.writeKnifeConfig(directory);
        newQueue(30);
    }

    @AfterEach
    void stopChef() {
        chef.close();
    }

    private void newQueue(int visibilitySeconds) {
        queue = sqs.newQueue("asg-events", visibilitySeconds, 5);
        queueUrl = queue.url();
    }

    private void send(String... bodies) {
        queue.send(bodies);
    }

    private int inQueue() {
        return queue.total();
    }

    private void chefKnows(String instance) {
        chef.putNode(instance, instance);
        chef.putClient(instance);
    }

    /** The harness: lock files in the test's directory, EC2 and Auto Scaling to the fakes, SQS to ElasticMQ. */
    private CliHarness harness() {
        return new CliHarness(directory).env("TMPDIR", directory.toString()).aws(settings -> {
            AwsClients clients = new AwsClients(settings);
            clients.supply(Ec2Client.class, ec2).supply(AutoScalingClient.class, autoScaling);
            if (faultySqs != null) {
                clients.supply(SqsClient.class, faultySqs);
            }
            return clients;
        });
    }

    private String[] args(String... more) {
        return args(1, more);
    }

    private String[] args(int waitSeconds, String... more) {
        List<String> all = new ArrayList<>(List.of(
                "drain-queue",
                "--queue",
                queueUrl,
                "--region",
                ElasticMq.REGION,
                "--endpoint-url",
                sqs.endpoint().toString(),
                "--wait-seconds",
                Integer.toString(waitSeconds)));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    private CliRun drain(String... more) {
        return harness().run(args(more));
    }

    /** A run whose long polls wait long enough for a message left by the previous run to come back. */
    private CliRun drainAgain(String... more) {
        return harness().run(args(5, more));
    }

    @Test
    void aMixedBatchEndsWithExactlyTheRightMessagesDeletedAndNodesGone() {
        String terminated = instanceId(1);
        String lifecycle = instanceId(2);
        String failing = instanceId(3);
        String running = instanceId(4);
        String launched = instanceId(5);
        String absent = instanceId(6);
        for (String instance : List.of(terminated, lifecycle, failing, running)) {
            chefKnows(instance);
        }
        chef.failNext("/organizations/acme/nodes/" + failing, 500, 100);
        ec2.instance(running, "running");
        autoScaling.lifecycleState(running, "InService");
        ec2.instance(lifecycle, "running");
        autoScaling.lifecycleState(lifecycle, "Terminating:Wait");
        send(
                AwsMessages.terminate(terminated),
                AwsMessages.lifecycle(lifecycle, token(2)),
                AwsMessages.testNotification(),
                AwsMessages.launch(launched),
                "{\"this\": \"is not a notification\"}",
                AwsMessages.terminate(failing),
                AwsMessages.terminate(running),
                AwsMessages.rawTerminate(absent));

        CliRun run = drain("--chef-retries", "0");

        run.assertExit(3);
        String[] lines = run.outLines();
        assertEquals(
                "Drained 8 messages: 2 cleaned, 1 already absent, 1 test notification, 1 ignored, 1 malformed (sent"
                        + " to the dead-letter queue), 1 still running (left for retry), 1 failed (left for retry)",
                lines[lines.length - 1]);
        assertTrue(run.out().contains("Deleting Chef Client " + terminated + ": Success"), run.out());
        assertTrue(run.out().contains("Deleting Chef Node " + terminated + ": Success"), run.out());
        assertTrue(
                run.out().contains("Completing Lifecycle Action chef-cleanup for " + lifecycle + ": Success"),
                run.out());
        assertFalse(chef.hasNode(terminated) || chef.hasClient(terminated));
        assertFalse(chef.hasNode(lifecycle) || chef.hasClient(lifecycle));
        assertTrue(chef.hasNode(failing), "its deletion failed");
        assertTrue(chef.hasNode(running) && chef.hasClient(running), "a running instance keeps its node");
        assertEquals(
                List.of("CONTINUE"),
                autoScaling.completions().stream()
                        .map(c -> c.lifecycleActionResult())
                        .toList());
        assertEquals(2, inQueue(), "left: the failed one and the running one");
        assertEquals(1, queue.deadLetterQueue().orElseThrow().visible(), "the malformed one, at once");
        assertTrue(
                run.err().contains(running + " is still running (EC2 state running, Auto Scaling InService)"),
                run.err());
        assertTrue(run.err().contains("is malformed (not an Auto Scaling notification"), run.err());
        assertTrue(chef.requests("DELETE", "/organizations/acme/").stream()
                .noneMatch(r -> r.path().endsWith(running)));
    }

    @Test
    void aChefServerErrorWithinItsRetriesStillCleans() {
        chefKnows(instanceId(1));
        chef.failNext("/organizations/acme/nodes/" + instanceId(1), 503, 2);
        send(AwsMessages.terminate(instanceId(1)));
        CliRun run = drain("--chef-retries", "2");
        run.assertExit(0);
        assertFalse(chef.hasNode(instanceId(1)));
        assertEquals(0, inQueue());
    }

    @Test
    void aChefServerErrorBeyondItsRetriesLeavesTheMessageForTheNextRun() {
        newQueue(3);
        chefKnows(instanceId(1));
        chef.failNext("/organizations/acme/nodes/" + instanceId(1), 502, 1);
        send(AwsMessages.terminate(instanceId(1)));

        CliRun first = drain("--chef-retries", "0", "--retry-delay", "2s", "--max-retry-delay", "2s");
        first.assertExit(1);
        assertTrue(first.out().endsWith("Drained 1 message: 1 failed (left for retry)\n"), first.out());
        assertEquals(1, inQueue());

        CliRun second = drainAgain("--chef-retries", "0");
        second.assertExit(0);
        assertTrue(second.out().endsWith("Drained 1 message: 1 cleaned\n"), second.out());
        assertFalse(chef.hasNode(instanceId(1)));
        assertEquals(0, inQueue());
    }

    @Test
    void aChefTimeoutIsRetriedAndOneBeyondTheRetriesLeavesTheMessage() {
        chefKnows(instanceId(1));
        chefKnows(instanceId(2));
        chef.hangNext("/organizations/acme/nodes/" + instanceId(1), 1);
        chef.hangNext("/organizations/acme/clients/" + instanceId(2), 2);
        send(AwsMessages.terminate(instanceId(1)), AwsMessages.terminate(instanceId(2)));
        CliRun run = drain("--chef-timeout", "300ms", "--chef-retries", "1");
        run.assertExit(3);
        assertTrue(run.out().endsWith("Drained 2 messages: 1 cleaned, 1 failed (left for retry)\n"), run.out());
        assertFalse(chef.hasNode(instanceId(1)), "the timed-out request was retried");
        assertTrue(chef.hasNode(instanceId(2)), "two timeouts with one retry: left for the next run");
        assertEquals(1, inQueue());
    }

    @Test
    void anSqsErrorMidBatchLeavesCleanedMessagesThatTheNextRunFinishes() {
        newQueue(3);
        faultySqs = new FaultySqs(sqs.client());
        for (int i = 1; i <= 3; i++) {
            chefKnows(instanceId(i));
            send(AwsMessages.terminate(instanceId(i)));
        }
        faultySqs.failNext("deleteMessageBatch", FaultySqs.error(500, "InternalError", "internal error"), 1);

        CliRun first = drain();
        first.assertExit(1, "SQS could not delete anything");
        assertTrue(first.out().endsWith("Drained 3 messages: 3 done but not deleted (left for retry)\n"), first.out());
        assertTrue(first.err().contains("Could not delete"), first.err());
        for (int i = 1; i <= 3; i++) {
            assertFalse(chef.hasNode(instanceId(i)));
        }

        CliRun second = drainAgain();
        second.assertExit(0);
        assertTrue(second.out().endsWith("Drained 3 messages: 3 already absent\n"), second.out());
        assertEquals(0, inQueue());
    }

    @Test
    void aQueueThatCannotBeReadIsOneLineAndExit1() {
        queueUrl = "no-such-queue";
        CliRun run = drain();
        run.assertExit(1);
        assertEquals(
                "asgchef drain-queue: The queue 'no-such-queue' does not exist here: check --queue, --region and --profile"
                        + " (wire-notifications creates the queue)\n",
                run.err());
    }

    @Test
    void anUnreachableChefServerMeansNothingCouldBeDone() {
        chefKnows(instanceId(1));
        send(AwsMessages.terminate(instanceId(1)));
        chef.close();
        CliRun run = drain("--chef-retries", "0");
        run.assertExit(1);
        assertTrue(run.out().endsWith("Drained 1 message: 1 failed (left for retry)\n"), run.out());
        assertEquals(1, inQueue());
    }

    @Test
    void aSecondRunWhileTheFirstHoldsTheLockSaysSoAndExits0WithoutTouchingTheQueue() throws Exception {
        chefKnows(instanceId(1));
        send(AwsMessages.terminate(instanceId(1)));
        chef.setLatency(Duration.ofMillis(1500));
        CompletableFuture<CliRun> first = CompletableFuture.supplyAsync(this::drain);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (chef.requests().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(chef.requests().isEmpty(), "the first run is cleaning");

        AtomicBoolean awsOpened = new AtomicBoolean();
        CliRun second = new CliHarness(directory)
                .env("TMPDIR", directory.toString())
                .aws(settings -> {
                    awsOpened.set(true);
                    throw new AssertionError("the second run must not reach AWS");
                })
                .run(args());

        second.assertExit(0);
        Path lock = directory.resolve("run/drain-queue-" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1) + ".lock");
        assertEquals(
                "Another drain-queue run is working on '" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1)
                        + "' (lock " + lock + "): leaving the queue to it.\n",
                second.out().replaceFirst("\\(pid \\d+ since \\S+, ", "("));
        assertEquals("", second.err());
        assertFalse(awsOpened.get());

        CliRun firstRun = first.get(60, TimeUnit.SECONDS);
        firstRun.assertExit(0);
        assertEquals(0, inQueue());
        drain().assertExit(0, "the lock is free again");
    }

    @Test
    void theLockFileCanBeChosen() throws IOException {
        Path lock = directory.resolve("locks/drain.lock");
        CliRun run = drain("--lock-file", lock.toString());
        run.assertExit(0);
        assertTrue(Files.readString(lock)
                .startsWith("pid " + ProcessHandle.current().pid() + " since "));
    }

    @Test
    void aDryRunReportsWhatWouldBeDoneAndLeavesEverythingAsItWas() {
        chefKnows(instanceId(1));
        chefKnows(instanceId(2));
        send(
                AwsMessages.terminate(instanceId(1)),
                AwsMessages.lifecycle(instanceId(2), token(2)),
                AwsMessages.testNotification());
        CliRun run = drain("--dry-run");
        run.assertExit(0);
        assertTrue(run.out().startsWith("Dry run: reading queue '"), run.out());
        assertTrue(run.out().contains("Would delete Chef Node " + instanceId(1)), run.out());
        assertTrue(
                run.out()
                        .contains("Would complete Lifecycle Action chef-cleanup for " + instanceId(2)
                                + ": CONTINUE (web-asg)"),
                run.out());
        assertTrue(
                run.out()
                        .endsWith("Dry run: read 3 messages (nothing deleted, all back in the queue): 2 would be"
                                + " cleaned, 1 test notification\n"),
                run.out());
        assertTrue(chef.hasNode(instanceId(1)) && chef.hasClient(instanceId(1)));
        assertTrue(chef.hasNode(instanceId(2)) && chef.hasClient(instanceId(2)));
        assertEquals(List.of(), chef.requests("DELETE", "/"));
        assertEquals(List.of(), autoScaling.completions());
        assertEquals(3, queue.visible(), "visible again at once");
    }

    @Test
    void jsonOutputIsOneDocumentWithTheCounts() throws IOException {
        chefKnows(instanceId(1));
        send(AwsMessages.terminate(instanceId(1)), AwsMessages.testNotification());
        CliRun run = drain("--output", "json");
        run.assertExit(0);
        JsonNode document = JSON.readTree(run.out());
        assertEquals("drain-queue", document.path("command").asText());
        assertEquals(
                1,
                document.path("result")
                        .path("drain")
                        .path("counts")
                        .path("cleaned")
                        .asInt());
        assertEquals(
                1,
                document.path("result")
                        .path("drain")
                        .path("counts")
                        .path("test_notification")
                        .asInt());
        assertEquals(2, document.path("result").path("drain").path("deleted").asInt());
        assertEquals(queueUrl, document.path("result").path("queueUrl").asText());
        assertEquals(
                "Drained 2 messages: 1 cleaned, 1 test notification",
                document.path("summary").asText());
        assertEquals(2, document.path("steps").size());
    }

    @Test
    void logFormatJsonWritesOneObjectPerLine() throws IOException {
        chefKnows(instanceId(1));
        send(AwsMessages.terminate(instanceId(1)), "garbage");
        CliRun run = drain("--log-format", "json");
        run.assertExit(3);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.outLines()) {
            lines.add(JSON.readTree(line));
        }
        for (JsonNode line : lines) {
            assertEquals(CliHarness.NOW.toString(), line.path("time").asText());
            assertEquals("drain-queue", line.path("command").asText());
        }
        assertTrue(lines.stream()
                .anyMatch(l -> l.path("event").asText().equals("step")
                        && l.path("outcome").asText().equals("success")
                        && l.path("resource").asText().equals("Chef Node " + instanceId(1))));
        assertTrue(lines.stream()
                .anyMatch(l -> l.path("level").asText().equals("warn")
                        && l.path("message").asText().contains("is malformed")));
        JsonNode last = lines.get(lines.size() - 1);
        assertEquals("finish", last.path("event").asText());
        assertEquals(3, last.path("exitCode").asInt());
        assertTrue(lines.stream()
                .anyMatch(l -> l.path("event").asText().equals("summary")
                        && l.path("message").asText().startsWith("Drained 2 messages")));
        assertEquals("", run.err(), "no progress when stderr is not a terminal");
    }

    @Test
    void theQueueMayComeFromThePropertiesFile() throws IOException {
        chefKnows(instanceId(1));
        send(AwsMessages.terminate(instanceId(1)));
        Files.writeString(directory.resolve(".asgchef.properties"), "drain-queue.queue=" + queueUrl + "\n");
        List<String> withoutQueue = new ArrayList<>(Arrays.asList(args()));
        withoutQueue.remove(1);
        withoutQueue.remove(1);
        CliRun run = harness().run(withoutQueue.toArray(String[]::new));
        run.assertExit(0);
        assertFalse(chef.hasNode(instanceId(1)));
    }

    @Test
    void usageErrorsAreOneLineAndExit2() {
        assertUsage(harness().run("drain-queue"), "Missing required option: '--queue=NAME|URL|ARN'");
        assertUsage(drain("--workers", "0"), "--workers must be 1 to 64");
        assertUsage(
                harness().run("drain-queue", "--queue", "q", "--wait-seconds", "21"), "--wait-seconds must be 1 to 20");
        assertUsage(drain("--dry-run", "--follow"), "--dry-run cannot be combined with --follow");
        assertUsage(drain("--output", "json", "--log-format", "json"), "--log-format json and --output json");
        assertUsage(drain("--max-duration", "soon"), "'soon' is not a duration: use a form like 30m, 90s");
        assertUsage(drain("--max-duration", "0s"), "--max-duration must be longer than 0");
        assertUsage(
                harness().run("drain-queue", "--queue", "bad queue name"), "--queue 'bad queue name' is not an SQS");
    }

    private static void assertUsage(CliRun run, String message) {
        run.assertExit(2);
        assertTrue(run.err().startsWith("asgchef drain-queue: ") && run.err().contains(message), run.err());
        assertTrue(run.err().contains("Try 'asgchef drain-queue --help' for usage."), run.err());
        assertEquals("", run.out());
    }

    @Test
    void helpListsTheExitCodes() {
        CliRun run = harness().run("drain-queue", "--help");
        run.assertExit(0);
        // Padded to the width of 143, the longest code.
        assertTrue(run.out().contains("3     partial: some messages were left in the queue"), run.out());
        assertTrue(run.out().contains("143   stopped by SIGTERM (or SIGINT) within --wait-seconds + 20 s"), run.out());
        assertTrue(run.out().contains("--[no-]verify-terminated"), run.out());
    }

    @Test
    void withoutVerificationEc2IsNeverAsked() {
        chefKnows(instanceId(1));
        ec2.failOn("describeInstances", FakeEc2.error(403, "UnauthorizedOperation", "not allowed"));
        send(AwsMessages.terminate(instanceId(1)));
        CliRun run = drain("--no-verify-terminated");
        run.assertExit(0);
        assertEquals(List.of(), ec2.requests("describeInstances", DescribeInstancesRequest.class));
        assertFalse(chef.hasNode(instanceId(1)));
    }

    @Test
    void maxDeletionsLeavesTheRestOfTheQueueUntouched() {
        for (int i = 1; i <= 6; i++) {
            chefKnows(instanceId(i));
            send(AwsMessages.terminate(instanceId(i)));
        }
        CliRun run = drain("--max-deletions", "2", "--workers", "1");
        run.assertExit(3);
        long gone = java.util.stream.IntStream.rangeClosed(1, 6)
                .filter(i -> !chef.hasNode(instanceId(i)))
                .count();
        assertEquals(2, gone);
        assertEquals(4, queue.visible());
        assertTrue(run.err().contains("--max-deletions 2 reached"), run.err());
    }

    /** The receive counts of every message in the source queue, each received once more to read it, then returned. */
    private List<Integer> receiveCountsInQueue() {
        List<Integer> counts = new ArrayList<>();
        List<Message> all = new ArrayList<>();
        List<Message> got;
        do {
            got = sqs.client()
                    .receiveMessage(r -> r.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(30)
                            .waitTimeSeconds(5)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages();
            all.addAll(got);
        } while (!got.isEmpty() && all.size() < 100);
        for (Message m : all) {
            // Counted before this look's own receive.
            counts.add(Integer.parseInt(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)) - 1);
            sqs.client().changeMessageVisibility(r -> r.queueUrl(queueUrl)
                    .receiptHandle(m.receiptHandle())
                    .visibilityTimeout(0));
        }
        return counts;
    }

    @Test
    void aRunTriesEachMessageOnceSoAnOutageLongerThanTheVisibilityTimeoutBurnsNoReceives() {
        newQueue(3);
        int messages = 10;
        for (int i = 1; i <= messages; i++) {
            chefKnows(instanceId(i));
            send(AwsMessages.terminate(instanceId(i)));
        }
        chef.failNext("/organizations/acme/", 503, 1_000_000);

        CliRun first = drain(
                "--no-verify-terminated", "--chef-retries", "0", "--retry-delay", "3s", "--max-retry-delay", "3s");
        first.assertExit(1);
        assertTrue(
                first.out().endsWith("Drained " + messages + " messages: " + messages + " failed (left for retry)\n"),
                first.out());
        assertEquals(0, queue.deadLetterQueue().orElseThrow().total(), "nothing burnt its receives");
        List<Integer> counts = receiveCountsInQueue();
        assertEquals(messages, counts.size(), "all still in the source queue");
        assertTrue(counts.stream().allMatch(n -> n <= 2), counts.toString());

        chef.failNext("/organizations/acme/", 503, 0);
        CliRun second = drainAgain("--no-verify-terminated", "--chef-retries", "0");
        second.assertExit(0);
        for (int i = 1; i <= messages; i++) {
            assertFalse(chef.hasNode(instanceId(i)) || chef.hasClient(instanceId(i)), instanceId(i));
        }
        assertEquals(0, inQueue());
    }

    /** One termination in a queue with three receives, and a Chef server that answers every call with 503. */
    private void aTerminationWhoseCleanupFails() {
        newQueue(3);
        chefKnows(instanceId(1));
        send(AwsMessages.terminate(instanceId(1)));
        chef.failNext("/organizations/acme/", 503, 1_000_000);
    }

    @Test
    void aFailedCleanupIsHandedBackWithItsBackoff() {
        aTerminationWhoseCleanupFails();
        CliRun run = drain("--no-verify-terminated", "--chef-retries", "0", "--retry-delay", "2m");
        run.assertExit(1);
        assertEquals(1, queue.hidden());
        CliRun again = drainAgain("--no-verify-terminated", "--chef-retries", "0");
        assertTrue(
                again.out().endsWith("Drained 0 messages: the queue was empty\n"),
                "hidden for 2 minutes, not the" + " queue's 30 s: " + again.out());
    }

    @Test
    void aFailedCleanupIsOnStdoutAlone() {
        aTerminationWhoseCleanupFails();
        drain("--no-verify-terminated", "--chef-retries", "0")
                .assertExit(1)
                .assertRecordOnStdout("Deleting Chef Client " + instanceId(1) + ": Failed (");
    }

    @Test
    void withLogFormatJsonAFailedCleanupIsAnErrorLineOnStdoutAndStderrStaysEmpty() {
        aTerminationWhoseCleanupFails();
        CliRun run = drain("--no-verify-terminated", "--chef-retries", "0", "--log-format", "json")
                .assertExit(1)
                .assertRecordOnStdout("\"level\":\"error\",\"command\":\"drain-queue\",\"event\":\"step\"");
        assertEquals("", run.err(), "a log stream is one stream");
    }

    @Test
    void aMalformedMessageGoesToTheDeadLetterQueueWithItsReasonAndSource() {
        send("{\"this\": \"is not a notification\"}");
        CliRun run = drain();
        run.assertExit(3);
        assertEquals(0, inQueue());
        Message dead = sqs.client()
                .receiveMessage(
                        r -> r.queueUrl(queue.deadLetterQueue().orElseThrow().url())
                                .waitTimeSeconds(5)
                                .messageAttributeNames("All"))
                .messages()
                .get(0);
        assertEquals("{\"this\": \"is not a notification\"}", dead.body());
        assertTrue(
                dead.messageAttributes().get("asgchef-reason").stringValue().contains("not an Auto Scaling"),
                dead.messageAttributes().toString());
        assertTrue(
                dead.messageAttributes()
                        .get("asgchef-source-queue")
                        .stringValue()
                        .endsWith(":" + queue.name()),
                dead.messageAttributes().toString());
    }

    @Test
    void aMalformedMessageThatCannotBeSentStaysInTheSourceQueue() {
        faultySqs = new FaultySqs(sqs.client());
        faultySqs.failNext("sendMessage", FaultySqs.error(500, "InternalError", "internal error"), 1);
        send("not json");
        CliRun run = drain();
        run.assertExit(3);
        assertTrue(run.err().contains("Could not send message"), run.err());
        assertEquals(1, inQueue());
        assertEquals(0, queue.deadLetterQueue().orElseThrow().total());
    }

    @Test
    void withoutADeadLetterQueueAMalformedMessageIsHiddenForTheLongestAndReported() {
        queueUrl = sqs.newPlainQueue("no-dlq");
        sqs.client().sendMessage(r -> r.queueUrl(queueUrl).messageBody("not json"));
        CliRun run = drain();
        run.assertExit(3);
        assertTrue(run.err().contains("has no dead-letter queue: hidden for 12 hours"), run.err());
        assertTrue(run.out().endsWith("Drained 1 message: 1 malformed (left in the queue)\n"), run.out());
    }

    @Test
    void deleteMalformedStillDropsIt() {
        send("not json");
        CliRun run = drain("--delete-malformed");
        run.assertExit(0);
        assertEquals(0, inQueue());
        assertEquals(0, queue.deadLetterQueue().orElseThrow().total());
    }
}
