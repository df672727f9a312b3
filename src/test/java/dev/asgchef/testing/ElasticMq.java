package dev.asgchef.testing;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ, a real SQS implementation, in-process on a free loopback port: one server for a whole test class.
 * Register it as {@code @RegisterExtension static final ElasticMq sqs = new ElasticMq();}; point asgchef at it with
 * {@code --endpoint-url} and {@code --region}, and arrange and inspect queues with {@link #client()}. Tests share the
 * server, so each takes fresh queues from {@link #newQueue}. Outside JUnit (a benchmark), {@link #start()} and
 * {@link #close()} it yourself.
 */
public final class ElasticMq implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";

    private final AtomicInteger queues = new AtomicInteger();
    private SQSRestServer server;
    private int port;
    private SqsClient client;

    public ElasticMq start() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion(REGION)
                .withAWSAccountId(ACCOUNT)
                .start();
        port = server.waitUntilStarted().localAddress().getPort();
        client = SqsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client for the test's own arranging and checking. */
    public SqsClient client() {
        return client;
    }

    /** Creates a standard queue and returns its URL. */
    public String createQueue(String name) {
        return client.createQueue(b -> b.queueName(name)).queueUrl();
    }

    /** A queue no other test has used: {@code prefix-N}, with {@link TestQueue#create}'s settings. */
    public TestQueue newQueue(String prefix, int visibilitySeconds, int maxReceives) {
        return TestQueue.create(this, prefix + "-" + queues.incrementAndGet(), visibilitySeconds, maxReceives);
    }

    /** A plain standard queue no other test has used, {@code prefix-N}; returns its URL. */
    public String newPlainQueue(String prefix) {
        return createQueue(prefix + "-" + queues.incrementAndGet());
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
