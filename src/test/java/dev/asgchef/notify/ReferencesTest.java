package dev.asgchef.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the operator's names, URLs and ARNs are read, and which are refused before any call. */
class ReferencesTest {
    @Test
    void aTopicNameIsJustAName() {
        TopicRef topic = TopicRef.parse("web-asg-events");
        assertEquals("web-asg-events", topic.name());
        assertTrue(topic.arn().isEmpty());
    }

    @Test
    void aTopicArnKeepsItsRegionAndAccount() {
        TopicRef topic = TopicRef.parse("arn:aws:sns:eu-west-1:123456789012:events");
        assertEquals("events", topic.name());
        assertEquals("eu-west-1", topic.arn().orElseThrow().region());
        assertEquals("123456789012", topic.arn().orElseThrow().account());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:sqs:eu-west-1:123456789012:events",
                "arn:aws:sns:eu-west-1:123:events",
                "arn:aws:sns:::events",
                "has space",
                "a.fifo",
                ""
            })
    void whatIsNotAStandardTopicIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> TopicRef.parse(text));
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
        assertEquals(Optional.of("000000000000"), queue.account());
        assertEquals(Optional.empty(), queue.region());
    }

    @Test
    void aQueueArnIsAcceptedToo() {
        QueueRef queue = QueueRef.parse("arn:aws:sqs:us-east-1:123456789012:q");
        assertEquals("q", queue.name());
        assertEquals(Optional.of("us-east-1"), queue.region());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "q.fifo",
                "https://sqs.us-east-1.amazonaws.com/123456789012/q.fifo",
                "https://sqs.us-east-1.amazonaws.com/q",
                "https://sqs.us-east-1.amazonaws.com/123456789012/q?x=1",
                "https://sqs.us-east-1.amazonaws.com/123456789012/a/b",
                "arn:aws:sns:us-east-1:123456789012:q",
                "with space",
                "a-very-long-name-that-goes-on-and-on-well-past-the-eighty-characters-sqs-allows-x"
            })
    void whatIsNotAStandardQueueIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> QueueRef.parse(text));
    }

    @Test
    void aFifoQueueIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueueRef.parse("q.fifo"));
        assertTrue(e.getMessage().contains("a standard SNS topic cannot deliver to it"), e.getMessage());
    }

    @Test
    void defaultNamesDeriveFromTheGroup() {
        assertEquals(
                "haproxy-staging-asg-events",
                WireRequest.defaultTopic("haproxy-staging").name());
        QueueRef queue = WireRequest.defaultQueue("haproxy-staging");
        assertEquals("haproxy-staging-asg-events", queue.name());
        assertEquals(
                "haproxy-staging-asg-events-dlq",
                WireRequest.defaultDeadLetterQueue(queue).name());
    }

    @Test
    void aGroupNameThatCannotMakeAQueueNameAsksForOne() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> WireRequest.defaultQueue("web.prod"));
        assertTrue(e.getMessage().endsWith("pass --queue NAME"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WireRequest.defaultQueue("g".repeat(70)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "a:b", ""})
    void whatIsNotAGroupNameIsRefused(String group) {
        assertThrows(IllegalArgumentException.class, () -> WireRequest.defaultTopic(group));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alias/aws/sqs", "arn:aws:kms:us-east-1:123456789012:alias/aws/sqs"})
    void theAwsManagedSqsKeyIsRefused(String key) {
        Requests request = new Requests();
        request.kmsKey = Optional.of(key);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, request::build);
        assertTrue(e.getMessage().contains("SNS could not deliver to the queue"), e.getMessage());
    }

    @Test
    void theDeadLetterQueueCannotBeTheQueue() {
        Requests request = new Requests();
        request.deadLetterQueue = request.queue;
        assertThrows(IllegalArgumentException.class, request::build);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:iam::123456789012:user/bob",
                "arn:aws:iam:us-east-1:123456789012:role/r",
                "role/r",
                "arn:aws:sts::123456789012:assumed-role/r/s"
            })
    void whatIsNotARoleArnIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> HookSpec.parseRoleArn(text));
    }

    @Test
    void aRoleArnWithAPathIsARole() {
        assertEquals(
                "role/service-role/asg-notify",
                HookSpec.parseRoleArn("arn:aws:iam::123456789012:role/service-role/asg-notify")
                        .resource());
    }

    @Test
    void heartbeatTimeoutStaysWithinWhatAwsAllows() {
        var role = HookSpec.parseRoleArn(Requests.ROLE);
        assertThrows(IllegalArgumentException.class, () -> new HookSpec("h", role, 29, HookSpec.HookResult.CONTINUE));
        assertThrows(IllegalArgumentException.class, () -> new HookSpec("h", role, 7201, HookSpec.HookResult.CONTINUE));
    }

    @Test
    void queueRetentionStaysBelowTheDeadLetterQueues() {
        assertThrows(IllegalArgumentException.class, () -> new QueueSettings(300, 14, 10));
        assertThrows(IllegalArgumentException.class, () -> new QueueSettings(10, 7, 10));
        assertThrows(IllegalArgumentException.class, () -> new QueueSettings(300, 7, 0));
    }
}
