package dev.asgchef.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asgchef.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * A queue's {@code RedrivePolicy}: after {@code maxReceiveCount} receives without a delete, SQS moves a message to the
 * dead-letter queue. wire-notifications writes it; drain-queue reads it to say how many tries a message has left.
 *
 * @param deadLetterTargetArn the dead-letter queue's ARN as the policy names it
 * @param maxReceiveCount receives before the move, at least 1
 */
public record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {
    /** SQS's limits for {@code maxReceiveCount}. */
    public static final int MIN_RECEIVE_COUNT = 1;

    public static final int MAX_RECEIVE_COUNT = 1000;

    private static final ObjectMapper JSON = Json.mapper();

    public RedrivePolicy {
        Objects.requireNonNull(deadLetterTargetArn, "deadLetterTargetArn");
        if (maxReceiveCount < MIN_RECEIVE_COUNT) {
            throw new IllegalArgumentException("maxReceiveCount must be at least " + MIN_RECEIVE_COUNT);
        }
    }

    public static RedrivePolicy to(Arn deadLetterQueue, int maxReceiveCount) {
        return new RedrivePolicy(deadLetterQueue.toString(), maxReceiveCount);
    }

    /**
     * The policy in an attribute's text; empty when there is none, or it names no positive receive count. SQS has
     * returned {@code maxReceiveCount} both as a number and as a string: either spelling reads the same.
     */
    public static Optional<RedrivePolicy> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        JsonNode policy;
        try {
            policy = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        int count = policy.path("maxReceiveCount").asInt(0);
        if (count < MIN_RECEIVE_COUNT) {
            return Optional.empty();
        }
        return Optional.of(new RedrivePolicy(policy.path("deadLetterTargetArn").asText(""), count));
    }

    /** The dead-letter queue's name: the last part of its ARN. */
    public String deadLetterQueueName() {
        return deadLetterTargetArn.substring(deadLetterTargetArn.lastIndexOf(':') + 1);
    }

    /** The attribute's value: {@code {"deadLetterTargetArn":"...","maxReceiveCount":10}}. */
    public String json() {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("deadLetterTargetArn", deadLetterTargetArn);
        policy.put("maxReceiveCount", maxReceiveCount);
        return policy.toString();
    }

    /** {@code DLQ-NAME after N receives}. */
    public String describe() {
        return deadLetterQueueName() + " after " + maxReceiveCount + " receives";
    }
}
