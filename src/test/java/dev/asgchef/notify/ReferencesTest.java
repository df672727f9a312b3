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
    void defaultNamesDeriveFromTheGroup() {
        assertEquals(
                "haproxy-staging-asg-events",
                WireRequest.defaultTopic("haproxy-staging").name());
        var queue = WireRequest.defaultQueue("haproxy-staging");
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
