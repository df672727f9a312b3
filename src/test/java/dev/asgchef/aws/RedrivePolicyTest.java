package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedrivePolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Arn DLQ =
            Arn.parse("arn:aws:sqs:us-east-1:123456789012:web-asg-events-dlq").orElseThrow();

    @Test
    void redrivePolicyIsTheDeadLetterQueueArnAndTheReceiveCount() throws Exception {
        assertEquals(
                JSON.readTree("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:123456789012:web-asg-events-dlq\","
                        + "\"maxReceiveCount\":10}"),
                JSON.readTree(RedrivePolicy.to(DLQ, 10).json()));
    }

    @Test
    void theCountReadsTheSameAsANumberAndAsAString() {
        assertEquals(
                RedrivePolicy.parse("{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":5}"),
                RedrivePolicy.parse("{\"maxReceiveCount\":\"5\",\"deadLetterTargetArn\":\"" + DLQ + "\"}"));
    }

    @Test
    void whatItWritesItReadsBack() {
        RedrivePolicy policy = RedrivePolicy.to(DLQ, 7);
        assertEquals(Optional.of(policy), RedrivePolicy.parse(policy.json()));
    }

    @Test
    void itDescribesTheDeadLetterQueueByName() {
        assertEquals(
                "web-asg-events-dlq after 3 receives", RedrivePolicy.to(DLQ, 3).describe());
        assertEquals("web-asg-events-dlq", RedrivePolicy.to(DLQ, 3).deadLetterQueueName());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:123456789012:d\"}",
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:123456789012:d\",\"maxReceiveCount\":0}",
                "{\"maxReceiveCount\":3} trailing"
            })
    void withoutAPositiveReceiveCountThereIsNoDeadLetterQueue(String text) {
        assertEquals(Optional.empty(), RedrivePolicy.parse(text));
    }
}
