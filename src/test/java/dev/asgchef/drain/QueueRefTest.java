package dev.asgchef.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueRefTest {
    @Test
    void aNameIsResolvedLater() {
        assertEquals(new QueueRef("asg-events", Optional.empty(), Optional.empty()), QueueRef.parse("asg-events"));
        assertEquals("asg_events.fifo", QueueRef.parse("asg_events.fifo").name());
    }

    @Test
    void aUrlIsUsedAsItIs() {
        QueueRef ref = QueueRef.parse("https://sqs.eu-west-1.amazonaws.com/123456789012/asg-events");
        assertEquals("asg-events", ref.name());
        assertEquals(Optional.of(URI.create("https://sqs.eu-west-1.amazonaws.com/123456789012/asg-events")), ref.url());
    }

    @Test
    void aLocalEmulatorUrlWorksToo() {
        assertEquals("q", QueueRef.parse("http://127.0.0.1:9324/000000000000/q").name());
    }

    @Test
    void anArnCarriesTheOwnerAccount() {
        QueueRef ref = QueueRef.parse("arn:aws:sqs:us-east-1:123456789012:asg-events");
        assertEquals("asg-events", ref.name());
        assertEquals(Optional.of("123456789012"), ref.ownerAccount());
        assertEquals(Optional.empty(), ref.url());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "asg events",
                "asg/events",
                "x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789x",
                "https://sqs.us-east-1.amazonaws.com/",
                "https://sqs.us-east-1.amazonaws.com/123/q?Action=DeleteQueue",
                "https://sqs.us-east-1.amazonaws.com/123/q;rm -rf",
                "http://[bad"
            })
    void anythingElseIsRefusedWithTheFix(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueueRef.parse(text));
        assertTrue(
                e.getMessage().contains("queue's name, URL or ARN")
                        || e.getMessage().contains("is not a queue URL"),
                e.getMessage());
    }
}
