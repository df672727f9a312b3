package dev.asgchef.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A queue of the embedded SQS made for one test: its URL, its dead-letter queue, sending, and counting. */
public record TestQueue(SqsClient client, String url, Optional<TestQueue> deadLetterQueue) {

    /**
     * A fresh standard queue {@code name} with this visibility timeout and, when {@code maxReceives} is positive, a
     * dead-letter queue {@code name-dlq} that takes messages received that many times.
     */
    public static TestQueue create(ElasticMq sqs, String name, int visibilitySeconds, int maxReceives) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds));
        Optional<TestQueue> deadLetter = Optional.empty();
        if (maxReceives > 0) {
            deadLetter = Optional.of(new TestQueue(sqs.client(), sqs.createQueue(name + "-dlq"), Optional.empty()));
            attributes.put(
                    QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"arn:aws:sqs:" + ElasticMq.REGION + ":" + ElasticMq.ACCOUNT + ":" + name
                            + "-dlq\",\"maxReceiveCount\":\"" + maxReceives + "\"}");
        }
        String url = sqs.client()
                .createQueue(b -> b.queueName(name).attributes(attributes))
                .queueUrl();
        return new TestQueue(sqs.client(), url, deadLetter);
    }

    public String name() {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    public void send(String... bodies) {
        for (String body : bodies) {
            client.sendMessage(b -> b.queueUrl(url).messageBody(body));
        }
    }

    /** Messages a receive would get now. */
    public int visible() {
        return attribute(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    }

    /** Messages received and neither deleted nor back yet. */
    public int hidden() {
        return attribute(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    /** Everything still in the queue. */
    public int total() {
        return visible() + hidden();
    }

    private int attribute(QueueAttributeName name) {
        return Integer.parseInt(client.getQueueAttributes(b -> b.queueUrl(url).attributeNames(name))
                .attributes()
                .get(name));
    }
}
