package dev.asgchef.bench;

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

/**
 * prune-nodes at scale, on the real CLI (bin/asgchef, a child process): 10,000 EC2 nodes on the in-process Chef server,
 * 10% of them for instances that are gone (half terminated, half unknown to EC2), the rest running, in FakeAwsCloud's
 * EC2 and STS. Each run is checked (exit 0, the summary line, exactly the gone nodes deleted) and measured: wall time,
 * Chef requests (search pages and the rest), DescribeInstances calls and the most ids one asked about, and peak RSS.
 *
 * <p>Usage (bench/prune-nodes does this): {@code PruneNodesBenchmark LAUNCHER [ROUNDS] [NODES]}. Not a test: surefire
 * runs only *Test classes.
 */
public final class PruneNodesBenchmark {
    private static final String REGION = "us-east-1";

    record Run(
            int nodes,
            Duration wall,
            long peakRssKib,
            long searchPages,
            long chefRequests,
            long describeCalls,
            int mostIdsInOneCall) {}

    private final Path launcher;
    private final Path work;

    private PruneNodesBenchmark(Path launcher, Path work) {
        this.launcher = launcher;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args.length > 0 ? args[0] : "bin/asgchef").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path work = Files.createTempDirectory("prune-bench");
        System.out.printf(
                Locale.ROOT,
                "prune-nodes benchmark: %,d EC2 nodes, 10%% gone, %d rounds, %s, %d cores%n",
                nodes,
                rounds,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        PruneNodesBenchmark bench = new PruneNodesBenchmark(launcher, work);
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            Run run = bench.prune(nodes);
            System.out.printf(
                    Locale.ROOT,
                    "  %s %,d nodes: %.2f s, peak RSS %.1f MiB, Chef %,d requests (%d search pages), EC2 %d"
                            + " DescribeInstances (at most %d ids each)%n",
                    round == 0 ? "warm-up," : "round " + round + ",",
                    run.nodes(),
                    run.wall().toMillis() / 1000.0,
                    run.peakRssKib() / 1024.0,
                    run.chefRequests(),
                    run.searchPages(),
                    run.describeCalls(),
                    run.mostIdsInOneCall());
            if (round > 0) {
                runs.add(run);
            }
        }
        runs.sort((a, b) -> a.wall().compareTo(b.wall()));
        Run median = runs.get(runs.size() / 2);
        System.out.println();
        System.out.println(
                "| measure (" + nodes + " nodes, 10% gone; median of " + rounds + " by wall time) | value |");
        System.out.println("| --- | ---: |");
        System.out.printf(
                Locale.ROOT,
                "| wall time (JVM start to exit) | %.2f s |%n",
                median.wall().toMillis() / 1000.0);
        System.out.printf(Locale.ROOT, "| peak RSS | %.1f MiB |%n", median.peakRssKib() / 1024.0);
        System.out.printf(Locale.ROOT, "| Chef search pages | %d |%n", median.searchPages());
        System.out.printf(Locale.ROOT, "| Chef requests in all | %,d |%n", median.chefRequests());
        System.out.printf(
                Locale.ROOT,
                "| EC2 DescribeInstances calls (most ids in one) | %d (%d) |%n",
                median.describeCalls(),
                median.mostIdsInOneCall());
    }

    private static String instanceId(int n) {
        return String.format(Locale.ROOT, "i-0%016x", 0xb000000L + n);
    }

    /** A fresh Chef server and EC2 with {@code nodes} nodes, a tenth of them gone; one prune; the checks. */
    private Run prune(int nodes) throws Exception {
        Instant now = Instant.now();
        try (FakeChefServer chef = FakeChefServer.start(Clock.systemUTC());
                FakeAwsCloud cloud = new FakeAwsCloud()) {
            chef.writeKnifeConfig(work);
            List<String> gone = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                String id = instanceId(n);
                boolean isGone = n % 10 == 0;
                chef.putEc2Node(
                        id,
                        id,
                        REGION + "a",
                        FakeAwsCloud.ACCOUNT,
                        isGone ? now.minus(Duration.ofHours(6)) : now.minus(Duration.ofMinutes(n % 30)));
                chef.putClient(id);
                if (isGone) {
                    gone.add(id);
                    if (n % 20 == 0) {
                        cloud.ec2(REGION).instance(id, "terminated");
                    }
                } else {
                    cloud.ec2(REGION).instance(id, "running");
                }
            }
            Path log = work.resolve("run.log");
            Path rss = work.resolve("rss.txt");
            ProcessBuilder builder = new ProcessBuilder(
                            "/usr/bin/time",
                            "-f",
                            "%M",
                            "-o",
                            rss.toString(),
                            launcher.toString(),
                            "prune-nodes",
                            "--region",
                            REGION,
                            "--endpoint-url",
                            cloud.endpoint().toString(),
                            "--lock-file",
                            work.resolve("prune.lock").toString())
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet()
                    .removeIf(k -> k.startsWith("AWS_")
                            || k.startsWith("CHEF_")
                            || (k.startsWith("ASGCHEF_") && !k.equals("ASGCHEF_JAVA_OPTS")));
            env.put("HOME", work.toString());
            env.put("AWS_ACCESS_KEY_ID", "AKIDBENCH");
            env.put("AWS_SECRET_ACCESS_KEY", "bench");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("prune-nodes did not finish; see " + log);
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            String expected = "Pruned " + gone.size() + " of " + nodes + " EC2 nodes: " + gone.size() + " deleted, "
                    + (nodes - gone.size()) + " running";
            long goneLeft = gone.stream().filter(chef::hasNode).count();
            long deletedWrongly = nodes - gone.size() - liveNodesLeft(chef, nodes);
            if (process.exitValue() != 0 || !output.contains(expected) || goneLeft != 0 || deletedWrongly != 0) {
                throw new IllegalStateException("run went wrong (exit " + process.exitValue() + ", " + goneLeft
                        + " gone nodes left, " + deletedWrongly + " live nodes deleted); output:\n" + output);
            }
            List<FakeAwsCloud.Request> describes = cloud.requests().stream()
                    .filter(r -> r.action().equals("DescribeInstances"))
                    .toList();
            int mostIds = describes.stream()
                    .mapToInt(r -> (int) r.parameters().keySet().stream()
                            .filter(k -> k.startsWith("Filter.1.Value."))
                            .count())
                    .max()
                    .orElse(0);
            return new Run(
                    nodes,
                    wall,
                    Long.parseLong(Files.readAllLines(rss).get(0).trim()),
                    chef.requests("POST", "/organizations/acme/search/node").size(),
                    chef.requests().size(),
                    describes.size(),
                    mostIds);
        }
    }

    /** How many of the running instances' nodes are still on the server: all of them, in a right run. */
    private static long liveNodesLeft(FakeChefServer chef, int nodes) {
        long live = 0;
        for (int n = 0; n < nodes; n++) {
            if (n % 10 != 0 && chef.hasNode(instanceId(n))) {
                live++;
            }
        }
        return live;
    }
}
