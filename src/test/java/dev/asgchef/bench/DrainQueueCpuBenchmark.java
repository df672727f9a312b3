package dev.asgchef.bench;

import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.ElasticMq;
import dev.asgchef.testing.FakeAwsCloud;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * drain-queue's own CPU time (user + system of the child process, {@code /usr/bin/time %U %S}), before and after a
 * change, side by side: each round runs every build on 200 terminate notifications with {@code --workers 16}, on an
 * empty queue, and on 200 with {@code --workers 1}, interleaved build by build so machine noise hits both alike. The
 * Chef server runs in a process of its own ({@link ChefServerProcess}) and adds 20 ms to every request; the client key
 * is RSA-3072; SQS is ElasticMQ and EC2 is FakeAwsCloud (answering "gone"), both in this harness process.
 *
 * <p>Usage (bench/drain-queue-cpu does this): {@code DrainQueueCpuBenchmark ROUNDS NAME=LAUNCHER...}; a launcher is a
 * command taking drain-queue's arguments (bin/asgchef, or the launcher of the build before). Not a test.
 */
public final class DrainQueueCpuBenchmark {
    private static final int MESSAGES = 200;
    private static final int LATENCY_MILLIS = 20;
    private static final String USER = "bench";
    /** 3072 as the issue asks; {@code -Dbench.keyBits=1024} shows how much of the CPU is the signatures. */
    private static final int KEY_BITS = Integer.getInteger("bench.keyBits", 3072);

    /** One drain-queue process: its CPU (user + system) and wall time, in seconds. */
    record Run(double cpu, double wall) {}

    /** The three runs a round makes of each build. */
    enum Kind {
        SIXTEEN(MESSAGES, 16, "200 messages, --workers 16"),
        EMPTY(0, 16, "empty queue, --workers 16"),
        ONE(MESSAGES, 1, "200 messages, --workers 1");

        final int messages;
        final int workers;
        final String label;

        Kind(int messages, int workers, String label) {
            this.messages = messages;
            this.workers = workers;
            this.label = label;
        }
    }

    private final Path work;
    private final ElasticMq sqs;
    private final String ec2Endpoint;
    private final ChefChild chef;
    private int instances;

    private DrainQueueCpuBenchmark(Path work, ElasticMq sqs, String ec2Endpoint, ChefChild chef) {
        this.work = work;
        this.sqs = sqs;
        this.ec2Endpoint = ec2Endpoint;
        this.chef = chef;
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        Map<String, Path> builds = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            builds.put(pair[0], Path.of(pair[1]).toAbsolutePath());
        }
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path work = Files.createTempDirectory("drain-cpu-bench");
        KeyPair key = clientKey(work);
        try (ElasticMq sqs = new ElasticMq().start();
                FakeAwsCloud ec2 = new FakeAwsCloud();
                ChefChild chef = ChefChild.start(key)) {
            writeKnifeConfig(work, chef.organizationUrl);
            new DrainQueueCpuBenchmark(work, sqs, ec2.endpoint().toString(), chef).measure(builds, rounds);
        }
    }

    private void measure(Map<String, Path> builds, int rounds) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "drain-queue CPU benchmark: %d rounds, Chef (own process) +%d ms per request, RSA-%d client key,"
                        + " %s %s, %d cores, load average %s%n",
                rounds,
                LATENCY_MILLIS,
                KEY_BITS,
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        // The servers warm up once, unmeasured; every drain-queue process starts cold, as cron starts it.
        run("warm-up", builds.values().iterator().next(), Kind.SIXTEEN);
        Map<String, Map<Kind, List<Run>>> runs = new LinkedHashMap<>();
        builds.keySet().forEach(name -> runs.put(name, new LinkedHashMap<>()));
        for (int round = 1; round <= rounds; round++) {
            System.out.println("round " + round + ", load average " + loadAverage());
            for (Kind kind : kinds()) {
                for (Map.Entry<String, Path> build : builds.entrySet()) {
                    runs.get(build.getKey())
                            .computeIfAbsent(kind, k -> new ArrayList<>())
                            .add(run(build.getKey(), build.getValue(), kind));
                }
            }
        }
        System.out.println();
        System.out.println("load average at the end: " + loadAverage());
        System.out.println();
        System.out.println("| median of " + rounds + " | " + String.join(" | ", builds.keySet()) + " |");
        System.out.println("| --- |" + " ---: |".repeat(builds.size()));
        for (Kind kind : kinds()) {
            row("CPU, " + kind.label, runs, r -> median(r.get(kind), Run::cpu), "%.2f s");
            row("wall, " + kind.label, runs, r -> median(r.get(kind), Run::wall), "%.2f s");
        }
        if (!kinds().equals(List.of(Kind.values()))) {
            return;
        }
        row(
                "CPU per 100 messages beyond an empty run (16 workers; goal <= 2.5 s)",
                runs,
                r -> (median(r.get(Kind.SIXTEEN), Run::cpu) - median(r.get(Kind.EMPTY), Run::cpu)) * 100 / MESSAGES,
                "%.2f s");
        row(
                "16 workers faster than 1, process wall (goal >= 4x)",
                runs,
                r -> median(r.get(Kind.ONE), Run::wall) / median(r.get(Kind.SIXTEEN), Run::wall),
                "%.1fx");
    }

    private static void row(
            String label,
            Map<String, Map<Kind, List<Run>>> runs,
            ToDoubleFunction<Map<Kind, List<Run>>> value,
            String format) {
        StringBuilder line = new StringBuilder("| " + label + " |");
        runs.values().forEach(r -> line.append(' ')
                .append(String.format(Locale.ROOT, format, value.applyAsDouble(r)))
                .append(" |"));
        System.out.println(line);
    }

    /** Fills a fresh queue and the Chef server, runs one drain-queue process, and checks that it cleaned everything. */
    private Run run(String build, Path launcher, Kind kind) throws Exception {
        String queueUrl =
                sqs.client().createQueue(b -> b.queueName("cpu-" + instances)).queueUrl();
        int first = instances + 1;
        instances += Math.max(kind.messages, 1);
        chef.ask("put " + first + " " + kind.messages);
        for (int i = 0; i < kind.messages; i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(i + 10, kind.messages); j++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(j - i))
                        .messageBody(AwsMessages.terminate(AwsMessages.instanceId(first + j)))
                        .build());
            }
            sqs.client().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
        // The last run of each build and kind keeps its output, for a look at what a flag such as -XX:+CITime printed.
        Path log = work.resolve(build + "-" + kind.name().toLowerCase(Locale.ROOT) + ".log");
        Path usage = work.resolve("usage.txt");
        ProcessBuilder builder = new ProcessBuilder(DrainChild.command(
                        "%U %S %e", usage, launcher, queueUrl, kind.workers, work.resolve("drain.lock")))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        DrainChild.environment(builder.environment(), work, sqs.endpoint().toString(), ec2Endpoint);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("drain-queue did not finish; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String expected = kind.messages == 0
                ? "Drained 0 messages"
                : "Drained " + kind.messages + " messages: " + kind.messages + " cleaned";
        int left = kind.messages == 0 ? 0 : Integer.parseInt(chef.ask("left " + first + " " + kind.messages));
        String queued = sqs.client()
                .getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        if (process.exitValue() != 0 || !output.contains(expected) || left != 0 || !queued.equals("0")) {
            throw new IllegalStateException(build + " went wrong (exit " + process.exitValue() + ", " + left
                    + " instances left in Chef, " + queued + " messages queued, wanted '" + expected + "'):\n"
                    + output);
        }
        sqs.client().deleteQueue(b -> b.queueUrl(queueUrl));
        String[] times = Files.readAllLines(usage).get(0).trim().split("\\s+");
        Run run = new Run(Double.parseDouble(times[0]) + Double.parseDouble(times[1]), Double.parseDouble(times[2]));
        System.out.printf(
                Locale.ROOT, "  %-8s %-28s CPU %6.2f s, wall %6.2f s%n", build, kind.label, run.cpu(), run.wall());
        return run;
    }

    /** An RSA-3072 client key (PKCS#8 PEM, mode 0600), as large a key as Chef deployments issue today. */
    private static KeyPair clientKey(Path work) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(KEY_BITS);
        KeyPair pair = generator.generateKeyPair();
        Path chef = Files.createDirectories(work.resolve(".chef"));
        Path pem = chef.resolve(USER + ".pem");
        Files.writeString(
                pem,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'})
                                .encodeToString(pair.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-------"));
        return pair;
    }

    private static void writeKnifeConfig(Path work, String organizationUrl) throws IOException {
        Files.writeString(
                work.resolve(".chef/config.rb"),
                "current_dir = File.dirname(__FILE__)\n"
                        + "node_name                \"" + USER + "\"\n"
                        + "client_key               \"#{current_dir}/" + USER + ".pem\"\n"
                        + "chef_server_url          \"" + organizationUrl + "\"\n");
    }

    /** All three unless {@code -Dbench.kinds=SIXTEEN,EMPTY} picks some, for quick comparisons of JVM flags. */
    private static List<Kind> kinds() {
        String picked = System.getProperty("bench.kinds", "");
        return picked.isEmpty()
                ? List.of(Kind.values())
                : java.util.Arrays.stream(picked.split(",")).map(Kind::valueOf).toList();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        return DrainChild.median(runs.stream().mapToDouble(value).toArray());
    }

    /** {@link ChefServerProcess} in a JVM of its own, on this process's class path. */
    private static final class ChefChild implements AutoCloseable {
        private final Process process;
        private final PrintWriter commands;
        private final BufferedReader answers;
        private final String organizationUrl;

        private ChefChild(Process process) throws IOException {
            this.process = process;
            this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.organizationUrl = answers.readLine();
            if (organizationUrl == null) {
                throw new IllegalStateException("the Chef server process did not start");
            }
        }

        static ChefChild start(KeyPair key) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return new ChefChild(new ProcessBuilder(
                            java.toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            ChefServerProcess.class.getName(),
                            USER,
                            Base64.getEncoder().encodeToString(key.getPublic().getEncoded()),
                            Integer.toString(LATENCY_MILLIS))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        }

        String ask(String command) throws IOException {
            commands.println(command);
            String answer = answers.readLine();
            if (answer == null) {
                throw new IllegalStateException("the Chef server process ended");
            }
            return answer;
        }

        @Override
        public void close() {
            commands.close();
            process.destroy();
        }
    }
}
