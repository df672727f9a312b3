package dev.asgchef.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmbeddedSqsTest {
    @Test
    void aMessageSentIsReceivedBack() {
        try (EmbeddedSqs sqs = new EmbeddedSqs()) {
            String url = sqs.createQueue("probe");
            sqs.client().sendMessage(b -> b.queueUrl(url).messageBody("hello"));
            var messages = sqs.client()
                    .receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1))
                    .messages();
            assertEquals(1, messages.size());
            assertEquals("hello", messages.get(0).body());
            assertEquals(sqs.endpoint() + "/" + EmbeddedSqs.ACCOUNT + "/probe", url);
        }
    }
}
