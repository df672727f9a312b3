package dev.asgchef.lambda;

import static dev.asgchef.testing.AwsMessages.instanceId;
import static dev.asgchef.testing.AwsMessages.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.ElasticMq;
import dev.asgchef.testing.FakeAwsCloud;
import dev.asgchef.testing.FakeChefServer;
import dev.asgchef.testing.TestCertificates;
import dev.asgchef.testing.TestQueue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The SQS handler as Lambda runs it: the real Runtime Interface Client in a child JVM against the fake Runtime API,
 * the batch received from ElasticMQ as an event source mapping receives it, EC2 and Auto Scaling behind their real
 * protocols, the key and CA bundle in Parameter Store, and the in-process Chef server over TLS with a private CA. One
 * child JVM, one mixed batch: the test is the drain-queue end-to-end test's batch, through Lambda.
 */
class SqsHandlerRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_PARAMETER = FunctionProcess.KEY_PARAMETER;
    private static final String CA_PARAMETER = FunctionProcess.CA_PARAMETER;

    @RegisterExtension
    static final ElasticMq sqs = new ElasticMq();

    @TempDir
    Path directory;

    @Test
    void aMixedBatchReportsExactlyTheFailingMessagesAndLeavesTheNodesAsDrainQueueDoes() throws Exception {
        String terminated = instanceId(1);
        String lifecycle = instanceId(2);
        String failing = instanceId(3);
        String running = instanceId(4);
        String launched = instanceId(5);
        String absent = instanceId(6);
        try (FakeAwsCloud aws = new FakeAwsCloud();
                FakeChefServer chef =
                        FakeChefServer.startTls(TestCertificates.LOOPBACK.serverContext(), Clock.systemUTC());
                FakeParameterStore ssm = new FakeParameterStore();
                FakeRuntimeApi runtime = new FakeRuntimeApi()) {
            for (String instance : List.of(terminated, lifecycle, failing, running)) {
                chef.putNode(instance, instance);
                chef.putClient(instance);
            }
            chef.failNext("/organizations/acme/nodes/" + failing, 500, 100);
            aws.ec2(FakeAwsCloud.REGION).instance(running, "running").instance(lifecycle, "running");
            aws.autoScaling().lifecycleState(running, "InService").lifecycleState(lifecycle, "Terminating:Wait");
            ssm.put(KEY_PARAMETER, FakeChefServer.privateKeyPem(FakeChefServer.USER))
                    .put(CA_PARAMETER, certificate(TestCertificates.LOOPBACK));

            TestQueue queue = sqs.newQueue("asg-events", 30, 5);
            Map<String, String> instanceOfBody = new HashMap<>();
            String malformed = "{\"this\": \"is not a notification\"}";
            queue.send(
                    AwsMessages.terminate(terminated),
                    AwsMessages.lifecycle(lifecycle, token(2)),
                    AwsMessages.testNotification(),
                    AwsMessages.launch(launched),
                    malformed,
                    AwsMessages.terminate(failing),
                    AwsMessages.terminate(running),
                    AwsMessages.rawTerminate(absent));
            instanceOfBody.put(AwsMessages.terminate(failing), failing);
            instanceOfBody.put(AwsMessages.terminate(running), running);
            instanceOfBody.put(malformed, "malformed");
            List<Message> batch = receiveAll(queue, 8);

            Map<String, String> env = FunctionProcess.environment(runtime, aws, ssm, chef);
            env.put("ASGCHEF_CHEF_RETRIES", "0");
            try (FunctionProcess function = new FunctionProcess(
                    "dev.asgchef.lambda.SqsHandler::handleRequest", env, List.of(), directory.resolve("log"))) {
                FakeRuntimeApi.Answer answer = runtime.invoke(sqsEvent(queue, batch), Duration.ofMinutes(5))
                        .get(90, TimeUnit.SECONDS);

                String log = function.output();
                assertFalse(answer.error(), answer.body() + "\n" + log);
                Set<String> failed = new java.util.TreeSet<>();
                for (JsonNode item : JSON.readTree(answer.body()).path("batchItemFailures")) {
                    failed.add(item.path("itemIdentifier").asText());
                }
                Set<String> expected = batch.stream()
                        .filter(m -> instanceOfBody.containsKey(m.body()))
                        .map(Message::messageId)
                        .collect(Collectors.toCollection(java.util.TreeSet::new));
                assertEquals(3, expected.size());
                assertEquals(expected, failed, "the malformed, the failed and the running instance's messages\n" + log);

                settleAsTheEventSourceMappingDoes(queue, batch, failed);
                assertEquals(3, queue.total(), "left: exactly the reported failures");
                assertFalse(chef.hasNode(terminated) || chef.hasClient(terminated));
                assertFalse(chef.hasNode(lifecycle) || chef.hasClient(lifecycle));
                assertTrue(chef.hasNode(failing), "its deletion failed");
                assertTrue(chef.hasNode(running) && chef.hasClient(running), "a running instance keeps its node");
                assertEquals(
                        List.of("CONTINUE"),
                        aws.autoScaling().completions().stream()
                                .map(c -> c.lifecycleActionResult())
                                .toList());
                assertEquals(List.of(KEY_PARAMETER, CA_PARAMETER), ssm.reads(), "each secret read once");
                assertJsonLines(log, running);
                assertFalse(log.contains("BEGIN RSA PRIVATE KEY") || log.contains("BEGIN PRIVATE KEY"), log);
            }
        }
    }

    /** Every line the function wrote is a --log-format json line; the key never appears. */
    private static void assertJsonLines(String log, String running) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        assertTrue(lines.stream().allMatch(l -> l.path("command").asText().equals("drain-queue")), log);
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.path("level").asText().equals("warn")
                                && l.path("message").asText().startsWith(running + " is still running")),
                log);
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.path("event").asText().equals("summary")
                                && l.path("message").asText().equals("5 done, 3 left for retry")),
                log);
    }

    private static List<Message> receiveAll(TestQueue queue, int count) {
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < 20 && received.size() < count; i++) {
            received.addAll(queue.client()
                    .receiveMessage(r -> r.queueUrl(queue.url())
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages());
        }
        assertEquals(count, received.size());
        return received;
    }

    /** The SQS event Lambda's event source mapping builds from the messages it received. */
    private static String sqsEvent(TestQueue queue, List<Message> batch) throws IOException {
        String arn = "arn:aws:sqs:" + ElasticMq.REGION + ":" + ElasticMq.ACCOUNT + ":" + queue.name();
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.putObject("messageAttributes");
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", arn);
            record.put("awsRegion", ElasticMq.REGION);
        }
        return JSON.writeValueAsString(event);
    }

    /** Deletes what the function did not report as failed, as the event source mapping does with the response. */
    private static void settleAsTheEventSourceMappingDoes(TestQueue queue, List<Message> batch, Set<String> failed) {
        List<DeleteMessageBatchRequestEntry> done = batch.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder()
                        .id(m.messageId())
                        .receiptHandle(m.receiptHandle())
                        .build())
                .toList();
        queue.client().deleteMessageBatch(r -> r.queueUrl(queue.url()).entries(done));
    }

    private static String certificate(TestCertificates certificate) throws IOException {
        Path dir = Files.createTempDirectory("ca");
        Path file = certificate.writeCertificate(dir, "ca.crt");
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        Files.delete(file);
        Files.delete(dir);
        return pem;
    }
}
