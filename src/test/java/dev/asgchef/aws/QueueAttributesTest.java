package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import dev.asgchef.testing.FakeSqs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;

class QueueAttributesTest {
    private static final String URL = "https://sqs.us-east-1.amazonaws.com/123456789012/asg-events";
    private static final String DLQ = "arn:aws:sqs:us-east-1:123456789012:asg-events-dlq";

    private final FakeSqs sqs = new FakeSqs();

    private void queueHas(Map<String, String> attributes) {
        sqs.queue("asg-events", attributes);
    }

    @Test
    void aNameIsResolvedWithTheOwnerAccountItNames() {
        queueHas(Map.of());

        QueueAttributes.find(sqs, QueueRef.parse("arn:aws:sqs:us-east-1:210987654321:asg-events"));

        GetQueueUrlRequest request = sqs.request("getQueueUrl", GetQueueUrlRequest.class);
        assertEquals("asg-events", request.queueName());
        assertEquals("210987654321", request.queueOwnerAWSAccountId());
        assertEquals(
                URL,
                sqs.request("getQueueAttributes", GetQueueAttributesRequest.class)
                        .queueUrl());
    }

    @Test
    void aUrlIsReadWithoutGetQueueUrl() {
        queueHas(Map.of());

        QueueAttributes found = QueueAttributes.find(sqs, QueueRef.parse(URL)).orElseThrow();

        assertEquals(URL, found.url());
        assertEquals(List.of("getQueueAttributes"), sqs.operations());
    }

    @Test
    void aQueueSqsDoesNotKnowIsAbsent() {

        assertEquals(Optional.empty(), QueueAttributes.find(sqs, QueueRef.named("asg-events")));
        AsgchefException e =
                assertThrows(AsgchefException.class, () -> QueueAttributes.require(sqs, QueueRef.named("asg-events")));
        assertTrue(e.getMessage().startsWith("The queue 'asg-events' does not exist here"), e.getMessage());
    }

    @Test
    void visibilityAndRedrivePolicyAreReadOnce() {
        queueHas(Map.of(
                "VisibilityTimeout",
                "45",
                "RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":\"4\"}",
                "QueueArn",
                "arn:aws:sqs:us-east-1:123456789012:asg-events"));

        QueueAttributes found =
                QueueAttributes.find(sqs, QueueRef.named("asg-events")).orElseThrow();

        assertEquals(45, found.visibilityTimeoutSeconds());
        assertEquals(Optional.of(new RedrivePolicy(DLQ, 4)), found.redrivePolicy());
        assertEquals("asg-events", found.arn().orElseThrow().resource());
        assertFalse(found.fifo());
    }

    @Test
    void aQueueThatDoesNotSayHasSqssDefaultsAndNoDeadLetterQueue() {
        queueHas(Map.of());
        sqs.attributes("asg-events").remove("VisibilityTimeout");

        QueueAttributes found =
                QueueAttributes.find(sqs, QueueRef.named("asg-events")).orElseThrow();

        assertEquals(30, found.visibilityTimeoutSeconds());
        assertEquals(Optional.empty(), found.redrivePolicy());
    }

    @Test
    void aFifoQueueSaysSo() {
        queueHas(Map.of("FifoQueue", "true"));

        assertTrue(QueueAttributes.find(sqs, QueueRef.named("asg-events"))
                .orElseThrow()
                .fifo());
    }
}
