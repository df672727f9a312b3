package dev.asgchef.cli;

import static dev.asgchef.testing.AwsMessages.instanceId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.Main;
import dev.asgchef.aws.AwsClients;
import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.ElasticMq;
import dev.asgchef.testing.FakeAutoScaling;
import dev.asgchef.testing.FakeChefServer;
import dev.asgchef.testing.FakeEc2;
import dev.asgchef.testing.TestQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * drain-queue in a process of its own, for what only a process shows: SIGTERM stopping a --follow run (with Chef
 * hanging too), a crash (SIGKILL) between a cleanup and its delete, the fault soak built on one, and the lock held by
 * another process.
 */
class DrainQueueProcessTest {
    @RegisterExtension
    static final ElasticMq sqs = new ElasticMq();

    @TempDir
    Path directory;

    private FakeChefServer chef;
    private TestQueue queue;
    private String queueUrl;
    private Process child;

    @BeforeEach
    void setUp() {
        // The child signs with the real clock, so the server checks skew against it too.
        chef = FakeChefServer.start(Clock.systemUTC());
        chef.writeKnifeConfig(directory);
        queue = sqs.newQueue("asg-events-p", 2, 0);
        queueUrl = queue.url();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        chef.close();
    }

    private void send(String instance) {
        chef.putNode(instance, instance);
        chef.putClient(instance);
        queue.send(AwsMessages.terminate(instance));
    }

    private List<String> args(String... more) {
        return args(1, more);
    }

    private List<String> args(int waitSeconds, String... more) {
        List<String> args = verifyingArgs(waitSeconds);
        args.add("--no-verify-terminated");
        args.addAll(List.of(more));
        return args;
    }

    /** A run that asks EC2 before each cleanup: only in-process, where EC2 can be faked. */
    private List<String> verifyingArgs(int waitSeconds) {
        return new ArrayList<>(List.of(
                "drain-queue",
                "--queue",
                queueUrl,
                "--region",
                ElasticMq.REGION,
                "--endpoint-url",
                sqs.endpoint().toString(),
                "--wait-seconds",
                Integer.toString(waitSeconds),
                "--lock-file",
                directory.resolve("drain.lock").toString()));
    }

    /** The CLI's Main in a fresh JVM with this test's class path, a clean environment and static credentials. */
    private Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(directory.resolve("out.txt").toFile())
                .redirectError(directory.resolve("err.txt").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", directory.toString());
        env.put("TMPDIR", directory.toString());
        env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return builder.start();
    }

    private String out() throws IOException {
        return Files.readString(directory.resolve("out.txt"));
    }

    private String err() throws IOException {
        return Files.readString(directory.resolve("err.txt"));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void sigtermStopsAFollowRunAfterItsCleanupsInFlightAndDeletesNothingUnfinished() throws Exception {
        List<String> instances = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            instances.add(instanceId(i));
            send(instanceId(i));
        }
        chef.setLatency(Duration.ofMillis(400));
        child = start(args("--follow", "--workers", "2"));
        await(() -> !chef.requests("DELETE", "/organizations/acme/clients/").isEmpty(), "a cleanup under way");

        child.destroy();

        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "it stopped");
        assertEquals(143, child.exitValue(), "the JVM's exit status after SIGTERM; the summary tells the rest");
        Matcher summary = Pattern.compile("Drained 8 messages: (\\d+) cleaned, (\\d+) not started \\(back in the"
                        + " queue\\) \\(stopped by signal\\)")
                .matcher(out());
        assertTrue(summary.find(), out() + err());
        int cleaned = Integer.parseInt(summary.group(1));
        assertTrue(cleaned >= 1 && cleaned < 8, out());
        for (String instance : instances) {
            assertEquals(
                    chef.hasNode(instance), chef.hasClient(instance), instance + " is cleaned whole or not at all");
        }
        long left = instances.stream().filter(chef::hasNode).count();
        assertEquals(8 - cleaned, left);
        assertEquals(left, queue.visible(), "unfinished ones are back");
        assertEquals(0, queue.hidden());
    }

    @Test
    void sigtermWithChefHangingEndsWithinTheBoundAndLeavesTheMessageForRetryAndTheFinishLineSaysTheExitStatus()
            throws Exception {
        String instance = instanceId(1);
        send(instance);
        chef.hangNext("/organizations/acme/", 1);
        child = start(args("--follow", "--log-format", "json"));
        await(() -> !chef.requests().isEmpty(), "a cleanup hanging on Chef");

        long signalled = System.nanoTime();
        child.destroy();

        // The documented bound: one long poll (1 s here) plus the 20 s grace, plus the JVM's exit.
        assertTrue(child.waitFor(35, TimeUnit.SECONDS), "it stopped within the bound");
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);
        assertTrue(took.compareTo(Duration.ofSeconds(19)) > 0, "the cleanup in flight had its grace: " + took);
        JsonNode finish = lastLine(out());
        assertEquals("finish", finish.path("event").asText(), out() + err());
        assertEquals(child.exitValue(), finish.path("exitCode").asInt(), out());
        assertEquals(143, child.exitValue());
        assertTrue(out().contains("still in work 20 s after the stop: abandoned"), out());
        assertEquals(1, queue.total(), "the abandoned message is left for retry, not deleted");
        assertTrue(chef.hasNode(instance));
    }

    private static JsonNode lastLine(String out) throws IOException {
        List<String> lines = out.lines().toList();
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    @Test
    void aCrashBetweenCleanupAndDeleteBringsTheMessageBackAndTheSecondCleanupIsAnIdempotentSuccess() throws Exception {
        String instance = instanceId(1);
        send(instance);
        chef.setLatency(Duration.ofMillis(500));
        child = start(args());
        await(() -> !chef.requests("DELETE", "/organizations/acme/nodes/").isEmpty(), "the node's delete");

        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        await(() -> !chef.hasNode(instance), "the server to finish the delete it received");
        assertEquals(1, queue.total(), "the message outlived the crash");

        chef.setLatency(Duration.ZERO);
        CliRun again = new CliHarness(directory)
                .clock(Clock.systemUTC())
                .env("TMPDIR", directory.toString())
                .run(args(5).toArray(String[]::new));

        again.assertExit(0);
        assertTrue(again.out().endsWith("Drained 1 message: 1 already absent\n"), again.out());
        assertEquals(0, queue.total());
    }

    /**
     * The fault soak, kept lean: 200 mixed messages, 20% of node deletes failing with 500, a kill between cleanups
     * and their deletes, then runs that verify with EC2 until the queue settles.
     */
    @Test
    void soakWithChef5xxAndAKillCleansEveryGoneInstanceTouchesNoLiveOneAndDeletesNoMessageBeforeItsCleanup()
            throws Exception {
        TestQueue soak = sqs.newQueue("asg-soak", 2, 5);
        queueUrl = soak.url();
        List<String> gone = new ArrayList<>();
        for (int i = 1; i <= 140; i++) {
            gone.add(instanceId(i));
            chef.putNode(instanceId(i), instanceId(i));
            chef.putClient(instanceId(i));
            soak.send(AwsMessages.terminate(instanceId(i)));
        }
        for (int i = 0; i < 15; i++) {
            soak.send("{\"not\": \"an event\"", AwsMessages.testNotification());
        }
        chef.failNext("DELETE", "/organizations/acme/nodes/", 500, 14);
        // Failures come back in a second or two, each to be tried once per run.
        List<String> retryFast = List.of("--chef-retries", "0", "--retry-delay", "1s", "--max-retry-delay", "2s");
        List<String> killed = args(1, "--workers", "4");
        killed.addAll(retryFast);
        int sent = soak.total();
        child = start(killed);
        // The kill must land between cleanups and their message deletes (batched, flushed every second): wait until
        // more gone instances are fully cleaned than messages have left the queue, so some cleaned ones are queued.
        await(
                () -> chef.requests("DELETE", "/organizations/acme/clients/").size() >= 40
                        && gone.stream()
                                        .filter(i -> !chef.hasNode(i) && !chef.hasClient(i))
                                        .count()
                                > sent - soak.total(),
                "40 cleanups, some of them not yet deleted from the queue");
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));

        // The live ones arrive after the kill: the killed run did not verify, the runs after it ask EC2.
        FakeEc2 ec2 = new FakeEc2();
        FakeAutoScaling autoScaling = new FakeAutoScaling();
        List<String> live = new ArrayList<>();
        for (int i = 141; i <= 170; i++) {
            live.add(instanceId(i));
            chef.putNode(instanceId(i), instanceId(i));
            chef.putClient(instanceId(i));
            ec2.instance(instanceId(i), "running");
            autoScaling.lifecycleState(instanceId(i), "InService");
            soak.send(AwsMessages.terminate(instanceId(i)));
        }
        chef.failNext("DELETE", "/organizations/acme/nodes/", 500, 14);
        CliHarness verifying = new CliHarness(directory)
                .clock(Clock.systemUTC())
                .env("TMPDIR", directory.toString())
                .aws(settings -> new AwsClients(settings)
                        .supply(Ec2Client.class, ec2)
                        .supply(AutoScalingClient.class, autoScaling));
        int alreadyAbsent = 0;
        for (int run = 0; run < 12 && gone.stream().anyMatch(i -> chef.hasNode(i) || chef.hasClient(i)); run++) {
            List<String> args = verifyingArgs(1);
            args.addAll(retryFast);
            CliRun again = verifying.run(args.toArray(String[]::new));
            Matcher absent = Pattern.compile("(\\d+) already absent").matcher(again.out());
            alreadyAbsent += absent.find() ? Integer.parseInt(absent.group(1)) : 0;
        }

        for (String instance : gone) {
            assertFalse(chef.hasNode(instance) || chef.hasClient(instance), instance + " is cleaned");
        }
        for (String instance : live) {
            assertTrue(chef.hasNode(instance) && chef.hasClient(instance), instance + " is untouched");
            assertTrue(chef.requests("DELETE", "/organizations/acme/nodes/" + instance)
                    .isEmpty());
            assertTrue(chef.requests("DELETE", "/organizations/acme/clients/" + instance)
                    .isEmpty());
        }
        assertTrue(alreadyAbsent > 0, "the kill fell between cleanups and their deletes: those came back");
        assertTrue(
                chef.requests("DELETE", "/organizations/acme/nodes/").size() > gone.size(),
                "the 5xx and the kill made some cleanups run twice");
        String deadLetters = String.join("\n", bodies(soak.deadLetterQueue().orElseThrow()));
        for (String instance : gone) {
            assertFalse(deadLetters.contains(instance), instance + "'s termination never gave up");
        }
    }

    private static List<String> bodies(TestQueue queue) {
        List<String> bodies = new ArrayList<>();
        List<Message> messages;
        do {
            messages = queue.client()
                    .receiveMessage(
                            r -> r.queueUrl(queue.url()).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            messages.forEach(m -> bodies.add(m.body()));
        } while (!messages.isEmpty());
        return bodies;
    }

    @Test
    void aRunFindingTheLockHeldByAnotherProcessNamesItAndExits0() throws Exception {
        child = start(args("--follow"));
        Path lock = directory.resolve("drain.lock");
        await(() -> Files.exists(lock) && lockText().contains("pid " + child.pid()), "the child to take the lock");

        CliRun second = new CliHarness(directory).run(args().toArray(String[]::new));

        second.assertExit(0);
        assertTrue(second.out().startsWith("Another drain-queue run is working on '"), second.out());
        assertTrue(second.out().contains("(pid " + child.pid() + " since "), second.out());
        assertEquals(1, second.out().lines().count());
        child.destroy();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertFalse(child.isAlive());
    }

    private String lockText() {
        try {
            return Files.readString(directory.resolve("drain.lock"));
        } catch (IOException e) {
            return "";
        }
    }
}
