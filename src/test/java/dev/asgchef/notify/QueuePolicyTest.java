package dev.asgchef.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asgchef.aws.Arn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueuePolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Arn QUEUE =
            Arn.parse("arn:aws:sqs:us-east-1:123456789012:web-asg-events").orElseThrow();
    private static final Arn TOPIC =
            Arn.parse("arn:aws:sns:us-east-1:123456789012:web-asg-events").orElseThrow();
    private static final Arn OTHER_TOPIC =
            Arn.parse("arn:aws:sns:us-east-1:123456789012:api-asg-events").orElseThrow();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<ObjectNode> ours(Arn topic) {
        return List.of(QueuePolicy.allowTopic(QUEUE, topic), QueuePolicy.denyInsecureTransport(QUEUE));
    }

    private static QueuePolicy.Merge merge(String current, Arn topic) {
        return QueuePolicy.merge(Optional.ofNullable(current), ours(topic));
    }

    @Test
    void allowStatementAdmitsSnsOnlyOnBehalfOfTheTopic() throws Exception {
        assertEquals(
                json(
                        """
                        {"Sid": "asgchef-allow-sns-web-asg-events", "Effect": "Allow",
                         "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
                         "Resource": "arn:aws:sqs:us-east-1:123456789012:web-asg-events",
                         "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:web-asg-events"}}}
                        """),
                QueuePolicy.allowTopic(QUEUE, TOPIC));
    }

    @Test
    void denyStatementRefusesEveryRequestNotOverTls() throws Exception {
        assertEquals(
                json(
                        """
                        {"Sid": "asgchef-deny-insecure-transport", "Effect": "Deny", "Principal": "*",
                         "Action": "sqs:*", "Resource": "arn:aws:sqs:us-east-1:123456789012:web-asg-events",
                         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
                        """),
                QueuePolicy.denyInsecureTransport(QUEUE));
    }

    @Test
    void aQueueWithoutPolicyGetsADocumentOfExactlyOurStatements() throws Exception {
        QueuePolicy.Merge merge = merge(null, TOPIC);
        assertEquals(QueuePolicy.Change.CREATED, merge.change());
        assertEquals(
                json("{\"Version\":\"2012-10-17\",\"Statement\":" + JSON.valueToTree(ours(TOPIC)) + "}"),
                json(merge.json()));
        assertEquals(QueuePolicy.Change.CREATED, merge("  ", TOPIC).change());
    }

    @Test
    void statementsTheQueueAlreadyHasAreKeptInFrontAndUnchanged() throws Exception {
        String current =
                """
                {"Version": "2012-10-17", "Id": "ops",
                 "Statement": [{"Sid": "Readers", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/r"},
                                "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage"], "Resource": "*"}]}""";
        QueuePolicy.Merge merge = merge(current, TOPIC);
        assertEquals(QueuePolicy.Change.UPDATED, merge.change());
        JsonNode merged = json(merge.json());
        assertEquals("ops", merged.path("Id").asText());
        assertEquals(
                json(current).path("Statement").get(0), merged.path("Statement").get(0));
        assertEquals(3, merged.path("Statement").size());
        assertEquals(
                QueuePolicy.allowTopic(QUEUE, TOPIC), merged.path("Statement").get(1));
        assertEquals(
                QueuePolicy.denyInsecureTransport(QUEUE),
                merged.path("Statement").get(2));
    }

    @Test
    void mergingTwiceAddsNothing() throws Exception {
        String once = merge("{\"Statement\":[]}", TOPIC).json();
        QueuePolicy.Merge twice = merge(once, TOPIC);
        assertEquals(QueuePolicy.Change.UNCHANGED, twice.change());
        assertEquals(json(once), json(twice.json()));
    }

    @Test
    void aSecondTopicAddsItsOwnGrantAndKeepsTheFirst() throws Exception {
        JsonNode both = json(merge(merge(null, TOPIC).json(), OTHER_TOPIC).json());
        assertEquals(3, both.path("Statement").size());
        assertEquals(
                "asgchef-allow-sns-web-asg-events",
                both.path("Statement").get(0).path("Sid").asText());
        assertEquals(
                "asgchef-allow-sns-api-asg-events",
                both.path("Statement").get(2).path("Sid").asText());
    }

    @Test
    void aSingleStatementObjectIsReadAsAList() throws Exception {
        String current = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"Mine\",\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"sqs:GetQueueUrl\",\"Resource\":\"*\"}}";
        JsonNode merged = json(merge(current, TOPIC).json());
        assertEquals(3, merged.path("Statement").size());
        assertEquals("Mine", merged.path("Statement").get(0).path("Sid").asText());
    }

    @Test
    void ourStatementWithStaleContentIsReplacedInPlace() throws Exception {
        ObjectNode stale = QueuePolicy.allowTopic(QUEUE, TOPIC);
        stale.put("Action", "sqs:*");
        String current = "{\"Version\":\"2012-10-17\",\"Statement\":[" + stale + ",{\"Sid\":\"Later\",\"Effect\":"
                + "\"Deny\",\"Principal\":\"*\",\"Action\":\"sqs:PurgeQueue\",\"Resource\":\"*\"}]}";
        JsonNode merged = json(merge(current, TOPIC).json());
        assertEquals(3, merged.path("Statement").size());
        assertEquals(
                QueuePolicy.allowTopic(QUEUE, TOPIC), merged.path("Statement").get(0));
        assertEquals("Later", merged.path("Statement").get(1).path("Sid").asText());
    }

    @Test
    void theSameGrantUnderAnotherSidAndSpellingIsNotDuplicated() throws Exception {
        String current =
                """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "topic-subscription-arn:aws:sns:us-east-1:123456789012:web-asg-events", "Effect": "Allow",
                   "Principal": {"Service": ["sns.amazonaws.com"]}, "Action": ["sqs:SendMessage"],
                   "Resource": "arn:aws:sqs:us-east-1:123456789012:web-asg-events",
                   "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:web-asg-events"}}},
                  {"Sid": "tls", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sqs:*",
                   "Resource": "arn:aws:sqs:us-east-1:123456789012:web-asg-events",
                   "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}""";
        QueuePolicy.Merge merge = merge(current, TOPIC);
        assertEquals(QueuePolicy.Change.UNCHANGED, merge.change());
        assertEquals(json(current), json(merge.json()));
    }

    @Test
    void aPolicyThatIsNotAJsonObjectIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> merge("not json", TOPIC));
        assertThrows(IllegalArgumentException.class, () -> merge("[]", TOPIC));
    }
}
