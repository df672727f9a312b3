package dev.asgchef.lambda;

import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.FakeAwsCloud;
import dev.asgchef.testing.FakeChefServer;
import dev.asgchef.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The function's cold start in the harness SqsHandlerRuntimeTest uses: the real Runtime Interface Client in a fresh
 * JVM, against the fake Runtime API, Parameter Store, EC2 and the Chef server over TLS. Init is from the JVM's start
 * to its first request for an invocation; the first invocation is one terminate notification, cleaned (secrets read,
 * key parsed, TLS, EC2, two Chef deletes). Variants alternate round by round. Prints a Markdown table of medians for
 * docs/performance.md. Run with bench/lambda; surefire never runs it (named *Benchmark).
 */
final class LambdaColdStartBenchmark {
    private LambdaColdStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        Path classesJar = Path.of(args[1]);
        Path work = Files.createTempDirectory("lambda-bench");
        Path archive = work.resolve("function.jsa");
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("default JVM flags", List.of());
        variants.put("C1 only (-XX:TieredStopAtLevel=1)", List.of("-XX:TieredStopAtLevel=1"));
        variants.put("AppCDS archive of a first run", List.of("-XX:SharedArchiveFile=" + archive));
        variants.put("AppCDS + C1 only", List.of("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1"));
        try (FakeAwsCloud aws = new FakeAwsCloud();
                FakeChefServer chef =
                        FakeChefServer.startTls(TestCertificates.LOOPBACK.serverContext(), Clock.systemUTC());
                FakeParameterStore ssm = new FakeParameterStore()) {
            ssm.put(FunctionProcess.KEY_PARAMETER, FakeChefServer.privateKeyPem(FakeChefServer.USER))
                    .put(
                            "/asgchef/drain/chef-ca",
                            Files.readString(TestCertificates.LOOPBACK.writeCertificate(work, "ca.crt")));
            Bench bench = new Bench(aws, chef, ssm, work, classesJar);
            bench.run(List.of("-XX:ArchiveClassesAtExit=" + archive), 60);
            Map<String, List<long[]>> results = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
                    long[] millis = bench.run(variant.getValue(), 10);
                    results.computeIfAbsent(variant.getKey(), k -> new ArrayList<>())
                            .add(millis);
                    System.err.printf(
                            "round %d %s: init %d ms, first invocation %d ms%n",
                            round + 1, variant.getKey(), millis[0], millis[1]);
                }
            }
            System.out.println("| JVM | init (median ms) | first invocation (median ms) | init + first (median ms) |");
            System.out.println("| --- | ---: | ---: | ---: |");
            results.forEach((name, runs) -> System.out.printf(
                    "| %s | %d | %d | %d |%n", name, median(runs, 0), median(runs, 1), median(runs, 2)));
            System.out.printf(
                    "%d rounds, %d cores%n", rounds, Runtime.getRuntime().availableProcessors());
        }
    }

    private static long median(List<long[]> runs, int column) {
        return runs.stream().mapToLong(r -> r[column]).sorted().toArray()[runs.size() / 2];
    }

    private static final class Bench {
        private final FakeAwsCloud aws;
        private final FakeChefServer chef;
        private final FakeParameterStore ssm;
        private final Path work;
        private final String classPath;
        private int instance = 1000;

        Bench(FakeAwsCloud aws, FakeChefServer chef, FakeParameterStore ssm, Path work, Path classesJar) {
            this.aws = aws;
            this.chef = chef;
            this.ssm = ssm;
            this.work = work;
            this.classPath = jarsOnly(classesJar);
        }

        /**
         * The function's jars: the project's classes as one jar (bench/lambda makes it) and every jar of this class
         * path. CDS archives classes from jars only, and refuses a non-empty directory.
         */
        private static String jarsOnly(Path classesJar) {
            List<String> jars = new ArrayList<>(List.of(classesJar.toString()));
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (entry.endsWith(".jar")) {
                    jars.add(entry);
                }
            }
            return String.join(java.io.File.pathSeparator, jars);
        }

        /** {init, first invocation, both} in milliseconds. */
        long[] run(List<String> jvmOptions, int stopSeconds) throws Exception {
            String id = AwsMessages.instanceId(++instance);
            chef.putNode(id, id);
            chef.putClient(id);
            try (FakeRuntimeApi runtime = new FakeRuntimeApi()) {
                Map<String, String> env = FunctionProcess.environment(runtime, aws, ssm, chef);
                FunctionProcess function = new FunctionProcess(
                        classPath,
                        "dev.asgchef.lambda.SqsHandler::handleRequest",
                        env,
                        jvmOptions,
                        work.resolve("log-" + id));
                try {
                    long initEnd = runtime.firstPoll().get(120, TimeUnit.SECONDS);
                    long invoked = System.nanoTime();
                    String event = "{\"Records\":[{\"messageId\":\"m-" + id + "\",\"receiptHandle\":\"r\",\"body\":"
                            + new com.fasterxml.jackson.databind.ObjectMapper()
                                    .writeValueAsString(AwsMessages.terminate(id))
                            + ",\"attributes\":{\"ApproximateReceiveCount\":\"1\"},\"messageAttributes\":{},"
                            + "\"eventSource\":\"aws:sqs\",\"eventSourceARN\":"
                            + "\"arn:aws:sqs:us-east-1:123456789012:web-asg-events\",\"awsRegion\":\"us-east-1\"}]}";
                    FakeRuntimeApi.Answer answer =
                            runtime.invoke(event, Duration.ofMinutes(5)).get(120, TimeUnit.SECONDS);
                    if (answer.error() || !answer.body().contains("[]") || chef.hasNode(id)) {
                        throw new IllegalStateException(
                                "the invocation did not clean " + id + ": " + answer.body() + "\n" + function.output());
                    }
                    long init = (initEnd - function.startedNanos()) / 1_000_000;
                    long first = (answer.atNanos() - invoked) / 1_000_000;
                    return new long[] {init, first, init + first};
                } finally {
                    function.stop(stopSeconds);
                }
            }
        }
    }
}
