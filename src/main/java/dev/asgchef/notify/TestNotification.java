package dev.asgchef.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.aws.Arn;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Recognises the {@code autoscaling:TEST_NOTIFICATION} Auto Scaling sends through the topic when a notification
 * configuration is put: inside an SNS envelope from this topic, or bare with raw delivery.
 */
final class TestNotification {
    static final String EVENT = "autoscaling:TEST_NOTIFICATION";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestNotification() {}

    /**
     * When Auto Scaling sent the test notification in {@code body} for {@code group}; empty when the body is anything
     * else (including a test notification of another group, or one that came through another topic). A test
     * notification without a readable time counts as sent at the epoch, i.e. long ago.
     */
    static Optional<Instant> sentAt(String body, String group, Arn topic) {
        JsonNode message = parse(body);
        if ("Notification".equals(message.path("Type").asText())
                && message.path("Message").isTextual()) {
            if (!topic.toString().equals(message.path("TopicArn").asText())) {
                return Optional.empty();
            }
            message = parse(message.path("Message").asText());
        }
        if (!EVENT.equals(message.path("Event").asText())
                || !group.equals(message.path("AutoScalingGroupName").asText())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(message.path("Time").asText()));
        } catch (DateTimeParseException e) {
            return Optional.of(Instant.EPOCH);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            return MAPPER.missingNode();
        }
    }
}
