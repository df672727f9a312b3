package dev.asgchef.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ElasticMqTest {
    @RegisterExtension
    static final ElasticMq sqs = new ElasticMq();

    @Test
    void aMessageSentIsReceivedBack() {
        String url = sqs.createQueue("probe");
        sqs.client().sendMessage(b -> b.queueUrl(url).messageBody("hello"));
        var messages = sqs.client()
                .receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1))
                .messages();
        assertEquals(1, messages.size());
        assertEquals("hello", messages.get(0).body());
        assertEquals(sqs.endpoint() + "/" + ElasticMq.ACCOUNT + "/probe", url);
    }

    @Test
    void eachNewQueueIsAnotherQueue() {
        assertNotEquals(
                sqs.newQueue("fresh", 30, 0).url(), sqs.newQueue("fresh", 30, 0).url());
    }
}
