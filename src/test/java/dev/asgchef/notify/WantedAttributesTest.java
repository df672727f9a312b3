package dev.asgchef.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.aws.Arn;
import dev.asgchef.aws.RedrivePolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WantedAttributesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Arn DLQ =
            Arn.parse("arn:aws:sqs:us-east-1:123456789012:web-asg-events-dlq").orElseThrow();

    private static Map<String, String> wanted() {
        return WantedAttributes.forQueue(QueueSettings.defaults(), new Encryption.SqsManaged(), DLQ);
    }

    @Test
    void queueAttributesAreExactlyTheOnesDrainQueueNeeds() throws Exception {
        Map<String, String> wanted = wanted();
        assertEquals(
                List.of(
                        "VisibilityTimeout",
                        "ReceiveMessageWaitTimeSeconds",
                        "MessageRetentionPeriod",
                        "SqsManagedSseEnabled",
                        "RedrivePolicy"),
                List.copyOf(wanted.keySet()));
        assertEquals("300", wanted.get("VisibilityTimeout"));
        assertEquals("20", wanted.get("ReceiveMessageWaitTimeSeconds"));
        assertEquals("604800", wanted.get("MessageRetentionPeriod"));
        assertEquals("true", wanted.get("SqsManagedSseEnabled"));
        assertEquals(JSON.readTree(RedrivePolicy.to(DLQ, 10).json()), JSON.readTree(wanted.get("RedrivePolicy")));
    }

    @Test
    void aKmsKeyReplacesSqsManagedEncryption() {
        Map<String, String> wanted = WantedAttributes.forDeadLetterQueue(new Encryption.Kms("alias/asg-events"));
        assertEquals("alias/asg-events", wanted.get("KmsMasterKeyId"));
        assertTrue(!wanted.containsKey("SqsManagedSseEnabled"), "SQS refuses both modes in one request");
    }

    @Test
    void aRedrivePolicyWithTheCountAsAStringIsTheSamePolicy() {
        Map<String, String> current = new HashMap<>(wanted());
        current.put("RedrivePolicy", "{\"maxReceiveCount\":\"10\",\"deadLetterTargetArn\":\"" + DLQ + "\"}");
        assertTrue(WantedAttributes.compare(current, wanted()).unchanged());
    }

    @Test
    void aRedrivePolicyToAnotherQueueIsAChange() {
        Map<String, String> current = new HashMap<>(wanted());
        current.put("RedrivePolicy", "{\"maxReceiveCount\":10,\"deadLetterTargetArn\":\"" + DLQ + "-old\"}");
        WantedAttributes.Comparison comparison = WantedAttributes.compare(current, wanted());
        assertEquals(
                "RedrivePolicy web-asg-events-dlq-old after 10 receives -> web-asg-events-dlq after 10 receives",
                comparison.describe());
        assertEquals(Map.of("RedrivePolicy", wanted().get("RedrivePolicy")), comparison.toSet());
    }

    @Test
    void attributesAnEmulatorNeverReportsAreLeftUncheckedInsteadOfSetEveryRun() {
        // What ElasticMQ 1.6 answers for a queue made with every attribute we ask for.
        Map<String, String> elasticMq = Map.of(
                "VisibilityTimeout", "300",
                "ReceiveMessageWaitTimeSeconds", "20",
                "RedrivePolicy", RedrivePolicy.to(DLQ, 10).json(),
                "QueueArn", "arn:aws:sqs:us-east-1:000000000000:web-asg-events");
        WantedAttributes.Comparison comparison = WantedAttributes.compare(elasticMq, wanted());
        assertTrue(comparison.unchanged(), comparison.describe());
        assertEquals(List.of("MessageRetentionPeriod", "SqsManagedSseEnabled"), comparison.unreported());
    }

    @Test
    void aQueueOnAKmsKeyMovingToSqsManagedKeysIsAChange() {
        Map<String, String> current = new HashMap<>(wanted());
        current.remove("SqsManagedSseEnabled");
        current.put("KmsMasterKeyId", "alias/aws/sqs");
        WantedAttributes.Comparison comparison = WantedAttributes.compare(current, wanted());
        assertEquals("SqsManagedSseEnabled unset -> true", comparison.describe());
    }
}
