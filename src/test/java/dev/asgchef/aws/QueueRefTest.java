package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one queue reference drain-queue and wire-notifications share: its forms, and what is refused before any call. */
class QueueRefTest {
    @Test
    void aNameIsResolvedLater() {
        QueueRef ref = QueueRef.parse("asg-events");
        assertEquals(QueueRef.named("asg-events"), ref);
        assertEquals(Optional.empty(), ref.url());
        assertEquals(Optional.empty(), ref.account());
        assertEquals(Optional.empty(), ref.region());
    }

    @Test
    void aUrlIsUsedAsItIs() {
        QueueRef ref = QueueRef.parse("https://sqs.eu-west-1.amazonaws.com/123456789012/asg-events");
        assertEquals("asg-events", ref.name());
        assertEquals(Optional.of(URI.create("https://sqs.eu-west-1.amazonaws.com/123456789012/asg-events")), ref.url());
    }

    @Test
    void aQueueUrlNamesItsAccountAndRegion() {
        QueueRef queue = QueueRef.parse("https://sqs.eu-central-1.amazonaws.com/123456789012/web-asg-events");
        assertEquals("web-asg-events", queue.name());
        assertEquals(Optional.of("123456789012"), queue.account());
        assertEquals(Optional.of("eu-central-1"), queue.region());
    }

    @Test
    void theLegacyQueueHostNamesItsRegionToo() {
        assertEquals(
                Optional.of("ap-southeast-2"),
                QueueRef.parse("https://ap-southeast-2.queue.amazonaws.com/123456789012/q")
                        .region());
    }

    @Test
    void anEmulatorsQueueUrlNamesOnlyTheAccount() {
        QueueRef queue = QueueRef.parse("http://127.0.0.1:9324/000000000000/q");
        assertEquals("q", queue.name());
        assertEquals(Optional.of("000000000000"), queue.account());
        assertEquals(Optional.empty(), queue.region());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9324/000000000000/q")), queue.url());
    }

    @Test
    void anArnCarriesTheOwnerAccountAndRegion() {
        QueueRef ref = QueueRef.parse("arn:aws:sqs:us-east-1:123456789012:asg-events");
        assertEquals("asg-events", ref.name());
        assertEquals(Optional.of("123456789012"), ref.account());
        assertEquals(Optional.of("us-east-1"), ref.region());
        assertEquals(Optional.empty(), ref.url());
    }

    @Test
    void messagesQuoteTheTextAsGiven() {
        String arn = "arn:aws:sqs:us-east-1:123456789012:asg-events";
        assertEquals(arn, QueueRef.parse(arn).toString());
        assertEquals("asg-events", QueueRef.parse(" asg-events ").toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "asg events",
                "with space",
                "asg/events",
                "x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789x",
                "a-very-long-name-that-goes-on-and-on-well-past-the-eighty-characters-sqs-allows-x",
                "https://sqs.us-east-1.amazonaws.com/",
                "https://sqs.us-east-1.amazonaws.com/q",
                "https://sqs.us-east-1.amazonaws.com/123/q?Action=DeleteQueue",
                "https://sqs.us-east-1.amazonaws.com/123456789012/q?x=1",
                "https://sqs.us-east-1.amazonaws.com/123456789012/a/b",
                "https://sqs.us-east-1.amazonaws.com/123/q;rm -rf",
                "http://[bad",
                "arn:aws:sns:us-east-1:123456789012:q",
                "arn:aws:sqs:us-east-1:123:q"
            })
    void anythingElseIsRefusedWithTheFix(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueueRef.parse(text));
        assertTrue(e.getMessage().contains("queue's name, URL or ARN"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "q.fifo",
                "asg_events.fifo",
                "https://sqs.us-east-1.amazonaws.com/123456789012/q.fifo",
                "arn:aws:sqs:us-east-1:123456789012:q.fifo"
            })
    void aFifoQueueIsRefusedInEveryFormWithTheReason(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueueRef.parse(text));
        assertTrue(e.getMessage().contains("is a FIFO queue"), e.getMessage());
        assertTrue(e.getMessage().contains("a standard SNS topic cannot deliver to it"), e.getMessage());
    }

    @Test
    void aUrlThatIsNotAQueueUrlSaysSo() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> QueueRef.parse("https://sqs.us-east-1.amazonaws.com/q"));
        assertTrue(e.getMessage().contains("is not an SQS queue URL"), e.getMessage());
    }
}
