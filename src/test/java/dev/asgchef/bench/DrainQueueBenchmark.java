package dev.asgchef.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.ElasticMq;
import dev.asgchef.testing.FakeAwsCloud;
import dev.asgchef.testing.FakeChefServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * drain-queue's throughput and memory, measured on the real CLI (bin/asgchef, a child process) against ElasticMQ, a
 * Chef server that adds 20 ms to every request, and FakeAwsCloud's EC2, which answers DescribeInstances with "gone".
 *
 * <p>Throughput: 1,000 terminate notifications drained with --workers 1 and --workers 16, the two interleaved round by
 * round so that machine noise hits both alike. Memory: peak RSS (/usr/bin/time %M) of 1,000- and 10,000-message runs
 * with 16 workers, interleaved too. Every run is checked: the queue must be empty and every node and client gone.
 *
 * <p>Usage (bench/drain-queue does this): {@code DrainQueueBenchmark LAUNCHER [ROUNDS]}. Not a test: surefire runs
 * only *Test classes, so CI never waits for it.
 */
public final class DrainQueueBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CHEF_LATENCY = Duration.ofMillis(20);
    private static final int MESSAGES = 1_000;
    private static final int MANY_MESSAGES = 10_000;

    /**
     * One drain: its size, workers, the time it took to clean them all, the whole drain (with its closing empty long
     * poll), the process's wall time, peak RSS, and CPU time of drain-queue and of this process (the servers).
     */
    record Run(
            int messages,
            int workers,
            Duration cleaning,
            Duration drain,
            Duration wall,
            long peakRssKib,
            double cliCpuSeconds,
            double serversCpuSeconds) {
        /** Messages per second while cleaning: from the run's first line to its last cleanup. */
        double rate() {
            return messages / (cleaning.toNanos() / 1e9);
        }
    }

    private final Path launcher;
    private final Path work;
    private final ElasticMq sqs;
    private final FakeChefServer chef;
    private final String ec2Endpoint;
    private int queues;

    private DrainQueueBenchmark(Path launcher, Path work, ElasticMq sqs, FakeChefServer chef, String ec2Endpoint) {
        this.launcher = launcher;
        this.work = work;
        this.sqs = sqs;
        this.chef = chef;
        this.ec2Endpoint = ec2Endpoint;
    }

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args.length > 0 ? args[0] : "bin/asgchef").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // The JDK HttpServer leaves Nagle's algorithm on, which with delayed ACKs adds ~40 ms to each small response;
        // real front ends set TCP_NODELAY, and so do FakeAwsCloud and FakeChefServer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path work = Files.createTempDirectory("drain-bench");
        try (ElasticMq sqs = new ElasticMq().start();
                FakeChefServer chef = FakeChefServer.start(Clock.systemUTC());
                FakeAwsCloud ec2 = new FakeAwsCloud()) {
            chef.setLatency(CHEF_LATENCY);
            chef.writeKnifeConfig(work);
            new DrainQueueBenchmark(launcher, work, sqs, chef, ec2.endpoint().toString()).measure(rounds);
        }
    }

    private void measure(int rounds) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "drain-queue benchmark: %d rounds, Chef latency %d ms per request, %s, %d cores%n",
                rounds,
                CHEF_LATENCY.toMillis(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        // The servers in this JVM warm up once, unmeasured; every drain-queue process starts cold, as in production.
        report(drain(MESSAGES, 16));
        System.out.println("  (warm-up above, not counted)");
        List<Run> one = new ArrayList<>();
        List<Run> sixteen = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            sixteen.add(report(drain(MESSAGES, 16)));
            one.add(report(drain(MESSAGES, 1)));
        }
        List<Run> small = new ArrayList<>();
        List<Run> large = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            small.add(report(drain(MESSAGES, 16)));
            large.add(report(drain(MANY_MESSAGES, 16)));
        }
        double rate1 = median(one, Run::rate);
        double rate16 = median(sixteen, Run::rate);
        double rss1k = median(small, r -> r.peakRssKib() / 1024.0);
        double rss10k = median(large, r -> r.peakRssKib() / 1024.0);
        System.out.println();
        System.out.println("| measure (median of " + rounds + ") | --workers 1 | --workers 16 | ratio | target |");
        System.out.println("| --- | ---: | ---: | ---: | --- |");
        System.out.printf(
                Locale.ROOT,
                "| messages/s, 1,000 messages | %.1f | %.1f | %.1fx | 16 workers >= 10x, >= 150/s: %s |%n",
                rate1,
                rate16,
                rate16 / rate1,
                rate16 / rate1 >= 10 && rate16 >= 150 ? "met" : "NOT MET");
        System.out.printf(
                Locale.ROOT,
                "| whole drain, with its closing 1 s empty long poll | %.2f s | %.2f s | | |%n",
                median(one, r -> r.drain().toMillis() / 1000.0),
                median(sixteen, r -> r.drain().toMillis() / 1000.0));
        System.out.printf(
                Locale.ROOT,
                "| process wall time (JVM start to exit) | %.2f s | %.2f s | | |%n",
                median(one, r -> r.wall().toMillis() / 1000.0),
                median(sixteen, r -> r.wall().toMillis() / 1000.0));
        System.out.println();
        System.out.println("| measure (median of " + rounds + ", --workers 16) | 1,000 messages | 10,000 messages |"
                + " ratio | target |");
        System.out.println("| --- | ---: | ---: | ---: | --- |");
        System.out.printf(
                Locale.ROOT,
                "| peak RSS | %.1f MiB | %.1f MiB | %.2fx | <= 1.20x: %s |%n",
                rss1k,
                rss10k,
                rss10k / rss1k,
                rss10k / rss1k <= 1.2 ? "met" : "NOT MET");
        System.out.printf(
                Locale.ROOT, "| messages/s | %.1f | %.1f | | |%n", median(small, Run::rate), median(large, Run::rate));
    }

    private static Run report(Run run) {
        System.out.printf(
                Locale.ROOT,
                "  %,6d messages, --workers %2d: cleaned in %6.2f s (%6.1f/s), drained in %6.2f s, process %6.2f s,"
                        + " peak RSS %6.1f MiB, CPU per message %.1f ms (drain-queue) + %.1f ms (servers)%n",
                run.messages(),
                run.workers(),
                run.cleaning().toMillis() / 1000.0,
                run.rate(),
                run.drain().toMillis() / 1000.0,
                run.wall().toMillis() / 1000.0,
                run.peakRssKib() / 1024.0,
                1000 * run.cliCpuSeconds() / run.messages(),
                1000 * run.serversCpuSeconds() / run.messages());
        return run;
    }

    /** Fills a fresh queue and the Chef server with {@code messages} instances, drains it, and checks the result. */
    private Run drain(int messages, int workers) throws Exception {
        String queueUrl = sqs.client()
                .createQueue(b -> b.queueName("bench-" + (++queues))
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "120")))
                .queueUrl();
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            String instance = AwsMessages.instanceId(queues * 1_000_000 + i);
            instances.add(instance);
            chef.putNode(instance, instance);
            chef.putClient(instance);
        }
        for (int i = 0; i < messages; i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(i + 10, messages); j++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(j - i))
                        .messageBody(AwsMessages.terminate(instances.get(j)))
                        .build());
            }
            sqs.client().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }

        Path log = work.resolve("run.log");
        Path rss = work.resolve("rss.txt");
        ProcessBuilder builder = new ProcessBuilder(DrainChild.command(
                        "%M %U %S",
                        rss, launcher, queueUrl, workers, work.resolve("drain.lock"), "--log-format", "json"))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        DrainChild.environment(builder.environment(), work, sqs.endpoint().toString(), ec2Endpoint);

        long started = System.nanoTime();
        long serversCpu = serversCpuNanos();
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("drain-queue did not finish; see " + log);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        double serversCpuSeconds = (serversCpuNanos() - serversCpu) / 1e9;
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        Instant start = time(lines, "start");
        Instant lastCleanup = lines.stream()
                .filter(l -> l.path("event").asText().equals("step"))
                .map(l -> Instant.parse(l.path("time").asText()))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no step line"));
        Instant end = time(lines, "summary");
        String summary = lines.stream()
                .filter(l -> l.path("event").asText().equals("summary"))
                .map(l -> l.path("message").asText())
                .findFirst()
                .orElse("");
        String expected = "Drained "
                + String.format(Locale.ROOT, "%,d", messages).replace(",", "") + " messages: " + messages + " cleaned";
        long nodesLeft = instances.stream()
                .filter(i -> chef.hasNode(i) || chef.hasClient(i))
                .count();
        String left = sqs.client()
                .getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        if (process.exitValue() != 0 || !summary.equals(expected) || nodesLeft != 0 || !left.equals("0")) {
            throw new IllegalStateException("run went wrong (exit " + process.exitValue() + ", summary '" + summary
                    + "', " + nodesLeft + " nodes left, " + left + " messages left); see " + log);
        }
        sqs.client().deleteQueue(b -> b.queueUrl(queueUrl));
        String[] usage = Files.readAllLines(rss).get(0).trim().split("\\s+");
        return new Run(
                messages,
                workers,
                Duration.between(start, lastCleanup),
                Duration.between(start, end),
                wall,
                Long.parseLong(usage[0]),
                Double.parseDouble(usage[1]) + Double.parseDouble(usage[2]),
                serversCpuSeconds);
    }

    private static long serversCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Instant time(List<JsonNode> lines, String event) {
        return lines.stream()
                .filter(l -> l.path("event").asText().equals(event))
                .map(l -> Instant.parse(l.path("time").asText()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + event + " line"));
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        return DrainChild.median(runs.stream().mapToDouble(value).toArray());
    }
}
