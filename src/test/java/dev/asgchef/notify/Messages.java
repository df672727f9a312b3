package dev.asgchef.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

/** Message bodies built from the fixtures in src/test/resources/notify. */
final class Messages {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Messages() {}

    static String resource(String name) {
        try (InputStream in = Messages.class.getResourceAsStream("/notify/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /notify/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's test notification, for {@code group}, stamped {@code time}: what raw delivery hands over. */
    static String testNotification(String group, Instant time) {
        return edit("asg-test-notification.json", message -> {
            message.put("AutoScalingGroupName", group);
            message.put("Time", time.toString());
        });
    }

    /** {@code inner} inside the fixture's SNS envelope, as published to {@code topicArn}. */
    static String envelope(String topicArn, String inner) {
        return edit("sns-envelope-asg-terminate.json", envelope -> {
            envelope.put("TopicArn", topicArn);
            envelope.put("Subject", "Auto Scaling: test notification");
            envelope.put("Message", inner);
        });
    }

    private static String edit(String fixture, Consumer<ObjectNode> change) {
        try {
            ObjectNode document = (ObjectNode) MAPPER.readTree(resource(fixture));
            change.accept(document);
            return MAPPER.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
