package dev.asgchef.bench;

import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.FakeChefServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * FakeChefServer in a process of its own, so that a benchmark measuring drain-queue's CPU does not share a JVM (its
 * JIT, GC and safepoints) with the server. Started by {@link DrainQueueCpuBenchmark}; speaks one line per command on
 * stdin/stdout: {@code put FIRST COUNT} registers a node and a client for each instance FIRST..FIRST+COUNT-1 ({@link
 * AwsMessages#instanceId}), {@code left FIRST COUNT} answers how many of them still have a node or a client. The first
 * line it prints is the organization URL.
 *
 * <p>Usage: {@code ChefServerProcess USER PUBLIC_KEY_BASE64_X509 LATENCY_MILLIS}.
 */
public final class ChefServerProcess {
    private ChefServerProcess() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String user = args[0];
        byte[] publicKey = Base64.getDecoder().decode(args[1]);
        try (FakeChefServer chef = FakeChefServer.start(Clock.systemUTC())) {
            chef.addUser(user, KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicKey)));
            chef.setLatency(Duration.ofMillis(Long.parseLong(args[2])));
            System.out.println(chef.organizationUrl());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split(" ");
                int first = Integer.parseInt(words[1]);
                int count = Integer.parseInt(words[2]);
                int answer = 0;
                for (int i = first; i < first + count; i++) {
                    String instance = AwsMessages.instanceId(i);
                    if (words[0].equals("put")) {
                        chef.putNode(instance, instance);
                        chef.putClient(instance);
                    } else if (chef.hasNode(instance) || chef.hasClient(instance)) {
                        answer++;
                    }
                }
                System.out.println(answer);
                System.out.flush();
            }
        }
    }
}
