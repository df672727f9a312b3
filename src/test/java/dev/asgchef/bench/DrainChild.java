package dev.asgchef.bench;

import dev.asgchef.testing.ElasticMq;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What both drain-queue benchmarks give the drain-queue process they start. */
final class DrainChild {
    private DrainChild() {}

    /**
     * A clean slate, except ASGCHEF_JAVA_OPTS (the launcher's JVM flags are part of what is measured): HOME for the
     * knife configuration, static AWS credentials, and service-specific endpoints (read by the SDK itself): SQS to
     * ElasticMQ, EC2 to the endpoint that answers "gone".
     */
    static void environment(Map<String, String> env, Path home, String sqsEndpoint, String ec2Endpoint) {
        env.keySet()
                .removeIf(k -> k.startsWith("AWS_")
                        || k.startsWith("CHEF_")
                        || (k.startsWith("ASGCHEF_") && !k.equals("ASGCHEF_JAVA_OPTS")));
        env.put("HOME", home.toString());
        env.put("AWS_ACCESS_KEY_ID", "AKIDBENCH");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint);
        env.put("AWS_ENDPOINT_URL_EC2", ec2Endpoint);
    }

    /**
     * {@code /usr/bin/time -f FORMAT -o USAGE LAUNCHER drain-queue ...}: one drain of the queue, its closing long poll
     * 1 s, then any further options.
     */
    static List<String> command(
            String timeFormat, Path usage, Path launcher, String queueUrl, int workers, Path lockFile, String... more) {
        List<String> command = new ArrayList<>(List.of(
                "/usr/bin/time",
                "-f",
                timeFormat,
                "-o",
                usage.toString(),
                launcher.toString(),
                "drain-queue",
                "--queue",
                queueUrl,
                "--region",
                ElasticMq.REGION,
                "--workers",
                Integer.toString(workers),
                "--wait-seconds",
                "1",
                "--lock-file",
                lockFile.toString()));
        command.addAll(List.of(more));
        return command;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
