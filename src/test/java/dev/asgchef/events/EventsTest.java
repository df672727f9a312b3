package dev.asgchef.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asgchef.InstanceId;
import dev.asgchef.testing.AwsMessages;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InstanceId INSTANCE = new InstanceId("i-0a1b2c3d4e5f60718");
    private static final String TOKEN = "465e0162-e6af-4786-b4e8-bb544ae58790";
    private static final Event TERMINATED = new InstanceTerminated(INSTANCE, "web-asg", "us-east-1");
    private static final Event LIFECYCLE =
            new TerminatingLifecycleAction(INSTANCE, "web-asg", "chef-cleanup", TOKEN, "us-east-1");
    /** A hook's message straight to SQS names no ARN and no region. */
    private static final Event LIFECYCLE_NO_REGION =
            new TerminatingLifecycleAction(INSTANCE, "web-asg", "chef-cleanup", TOKEN);

    /** Every sample in src/test/resources/aws-messages and the event it must give. */
    private static final Map<String, Event> EXPECTED = Map.ofEntries(
            Map.entry("asg-terminate.json", TERMINATED),
            Map.entry("sns-envelope-asg-terminate.json", TERMINATED),
            Map.entry("eventbridge-terminate-successful.json", TERMINATED),
            Map.entry(
                    "eventbridge-ec2-state-change-terminated.json", new InstanceTerminated(INSTANCE, "", "us-east-1")),
            Map.entry("lifecycle-terminating-sqs-direct.json", LIFECYCLE_NO_REGION),
            Map.entry("sns-envelope-lifecycle-terminating.json", LIFECYCLE),
            Map.entry("eventbridge-terminate-lifecycle-action.json", LIFECYCLE),
            Map.entry(
                    "asg-test-notification.json",
                    new TestNotification("web-asg", "", Optional.of(Instant.parse("2025-03-01T09:59:58.940Z")))),
            Map.entry(
                    "lifecycle-test-notification-sqs-direct.json",
                    new TestNotification("web-asg", "", Optional.of(Instant.parse("2025-03-01T09:35:52.359Z")))),
            Map.entry("asg-launch.json", new Ignorable("launch of 'i-0a1b2c3d4e5f60718' (web-asg)")),
            Map.entry("sns-envelope-asg-launch.json", new Ignorable("launch of 'i-0a1b2c3d4e5f60718' (web-asg)")),
            Map.entry("asg-launch-error.json", new Ignorable("failed launch (web-asg)")),
            Map.entry(
                    "eventbridge-launch-lifecycle-action.json",
                    new Ignorable("EventBridge 'EC2 Instance-launch Lifecycle Action' event (web-asg)")));

    static String sample(String name) {
        return AwsMessages.sample(name);
    }

    static ObjectNode sampleObject(String name) throws IOException {
        return (ObjectNode) JSON.readTree(sample(name));
    }

    static Stream<String> samples() throws IOException, URISyntaxException {
        Path dir = Path.of(EventsTest.class.getResource("/aws-messages").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void everySampleHasAnExpectedEvent() throws Exception {
        Set<String> files = samples().collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EXPECTED.keySet()), files);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachSampleParsesToItsEvent(String name) {
        assertEquals(EXPECTED.get(name), Events.parse(sample(name)));
    }

    @Test
    void rawDeliveryAndTheSnsEnvelopeGiveTheSameEvent() {
        assertEquals(
                Events.parse(sample("asg-terminate.json")), Events.parse(sample("sns-envelope-asg-terminate.json")));
    }

    @Test
    void aTestNotificationThroughSnsNamesTheTopicItCameThrough() throws IOException {
        ObjectNode envelope = sampleObject("sns-envelope-asg-terminate.json");
        envelope.put("Message", sample("asg-test-notification.json"));
        TestNotification test = (TestNotification) Events.parse(envelope.toString());
        assertEquals(envelope.get("TopicArn").asText(), test.topicArn());
        assertEquals(Optional.of(Instant.parse("2025-03-01T09:59:58.940Z")), test.time());
    }

    @Test
    void aTestNotificationWithoutAReadableTimeIsStillOne() throws IOException {
        ObjectNode message = sampleObject("asg-test-notification.json");
        message.put("Time", "yesterday");
        assertEquals(new TestNotification("web-asg"), Events.parse(message.toString()));
        message.remove("Time");
        assertEquals(new TestNotification("web-asg"), Events.parse(message.toString()));
    }

    @Test
    void anEnvelopeWithoutSubjectAndWithMessageAttributesIsStillANotification() throws IOException {
        ObjectNode envelope = sampleObject("sns-envelope-asg-terminate.json");
        envelope.remove("Subject");
        envelope.putObject("MessageAttributes")
                .putObject("team")
                .put("Type", "String")
                .put("Value", "ops");
        assertEquals(TERMINATED, Events.parse(envelope.toString()));
    }

    @Test
    void anEventBridgeEventPublishedThroughSnsIsUnwrappedTwice() throws IOException {
        ObjectNode envelope = sampleObject("sns-envelope-asg-terminate.json");
        envelope.put("Message", sample("eventbridge-terminate-lifecycle-action.json"));
        assertEquals(LIFECYCLE, Events.parse(envelope.toString()));
    }

    @Test
    void eightDigitInstanceIdsOfOlderInstancesAreAccepted() throws IOException {
        ObjectNode message = sampleObject("asg-terminate.json");
        message.put("EC2InstanceId", "i-1a2b3c4d");
        assertEquals(
                new InstanceTerminated(new InstanceId("i-1a2b3c4d"), "web-asg", "us-east-1"),
                Events.parse(message.toString()));
    }

    @Test
    void aTerminationWithoutGroupNameIsStillActedOn() throws IOException {
        ObjectNode message = sampleObject("asg-terminate.json");
        message.remove("AutoScalingGroupName");
        assertEquals(new InstanceTerminated(INSTANCE, "", "us-east-1"), Events.parse(message.toString()));
    }

    @Test
    void unknownFieldsAndStatusCodesOutsideTheApiListAreTolerated() throws IOException {
        ObjectNode message = sampleObject("asg-terminate.json");
        message.put("StatusCode", "SomethingAwsAddsNextYear");
        message.putObject("Brand").put("New", true);
        assertEquals(TERMINATED, Events.parse(message.toString()));
    }

    @Test
    void aLargeButValidNotificationIsParsed() throws IOException {
        ObjectNode message = sampleObject("asg-terminate.json");
        message.put("Cause", "x".repeat(900_000));
        assertEquals(TERMINATED, Events.parse(message.toString()));
    }

    @Test
    void aTerminateErrorIsIgnoredBecauseTheInstanceMayStillRun() throws IOException {
        ObjectNode message = sampleObject("asg-terminate.json");
        message.put("Event", "autoscaling:EC2_INSTANCE_TERMINATE_ERROR");
        Event event = Events.parse(message.toString());
        assertInstanceOf(Ignorable.class, event);
        assertTrue(event.describe().contains("may still run"), event.describe());
    }

    @Test
    void aLaunchingLifecycleActionIsNotDrainQueuesToComplete() throws IOException {
        ObjectNode message = sampleObject("lifecycle-terminating-sqs-direct.json");
        message.put("LifecycleTransition", "autoscaling:EC2_INSTANCE_LAUNCHING");
        assertEquals(
                new Ignorable("launching lifecycle action for 'i-0a1b2c3d4e5f60718' (web-asg),"
                        + " not drain-queue's to complete"),
                Events.parse(message.toString()));
    }

    @Test
    void otherAutoScalingEventBridgeEventsAreIgnored() throws IOException {
        ObjectNode event = sampleObject("eventbridge-terminate-successful.json");
        event.put("detail-type", "EC2 Auto Scaling Instance Refresh Started");
        assertEquals(
                new Ignorable("EventBridge 'EC2 Auto Scaling Instance Refresh Started' event (web-asg)"),
                Events.parse(event.toString()));
    }

    @Test
    void anEc2StateChangeToAStateOtherThanShuttingDownOrTerminatedIsIgnored() throws IOException {
        ObjectNode event = sampleObject("eventbridge-ec2-state-change-terminated.json");
        ((ObjectNode) event.get("detail")).put("state", "stopping");
        assertEquals(
                new Ignorable("EC2 state change of i-0a1b2c3d4e5f60718 to 'stopping'"), Events.parse(event.toString()));
    }

    @Test
    void anEc2StateChangeToShuttingDownIsATermination() throws IOException {
        ObjectNode event = sampleObject("eventbridge-ec2-state-change-terminated.json");
        ((ObjectNode) event.get("detail")).put("state", "shutting-down");
        assertEquals(new InstanceTerminated(INSTANCE, "", "us-east-1"), Events.parse(event.toString()));
    }

    static Stream<Arguments> badBodies() throws IOException {
        String terminate = sample("asg-terminate.json");
        String lifecycle = sample("lifecycle-terminating-sqs-direct.json");
        String bridge = sample("eventbridge-terminate-successful.json");
        String envelope = sample("sns-envelope-asg-terminate.json");
        return Stream.of(
                bad("empty body", "", "the body is empty"),
                bad("blank body", " \n\t", "the body is empty"),
                bad("plain text", "Terminating EC2 instance: i-0a1b2c3d4e5f60718", "the body is not JSON"),
                bad("truncated JSON", terminate.substring(0, terminate.length() / 2), "the body is not JSON"),
                bad("trailing garbage", terminate + " }", "the body is not JSON"),
                bad("JSON array", "[" + terminate + "]", "the body is a JSON array, not a JSON object"),
                bad("JSON string", "\"i-0a1b2c3d4e5f60718\"", "the body is a string, not a JSON object"),
                bad("JSON number", "42", "the body is a number, not a JSON object"),
                bad("JSON null", "null", "the body is null, not a JSON object"),
                bad(
                        "duplicate instance id key",
                        terminate.replace(
                                "\"EC2InstanceId\": \"i-0a1b2c3d4e5f60718\"",
                                "\"EC2InstanceId\": \"i-0a1b2c3d4e5f60718\", \"EC2InstanceId\": \"i-0fffffffffffffff0\""),
                        "Duplicate field 'EC2InstanceId'"),
                bad("deeply nested", "[".repeat(5000) + "]".repeat(5000), "the body is not JSON"),
                bad("unknown object", "{\"hello\":\"world\"}", "it has no Event, LifecycleTransition or detail-type"),
                bad(
                        "Message not JSON",
                        with(envelope, "Message", "Terminating i-0a1b2c3d4e5f60718"),
                        "the SNS Message is not JSON"),
                bad(
                        "Message an object",
                        withJson(envelope, "Message", terminate),
                        "the SNS Message is a JSON object, not a string holding JSON"),
                bad("Message missing", without(envelope, "Message"), "the SNS Message is missing"),
                bad(
                        "Message a JSON array",
                        with(envelope, "Message", "[1,2]"),
                        "the SNS Message is a JSON array, not a JSON object"),
                bad("SNS type unknown", with(envelope, "Type", "Surprise"), "an SNS message of Type 'Surprise'"),
                bad(
                        "SNS subscription confirmation",
                        with(envelope, "Type", "SubscriptionConfirmation"),
                        "confirm the subscription with 'aws sns confirm-subscription'"),
                bad(
                        "unknown event",
                        with(terminate, "Event", "autoscaling:EC2_INSTANCE_REBOOT"),
                        "an unknown Auto Scaling event 'autoscaling:EC2_INSTANCE_REBOOT'"),
                bad("Event a number", withJson(terminate, "Event", "7"), "Event is a number, not a string"),
                bad("instance id missing", without(terminate, "EC2InstanceId"), "it has no EC2InstanceId field"),
                bad("instance id empty", with(terminate, "EC2InstanceId", ""), "EC2InstanceId is empty"),
                bad(
                        "instance id a number",
                        withJson(terminate, "EC2InstanceId", "12345678"),
                        "EC2InstanceId is a number, not a string"),
                bad(
                        "instance id an array",
                        withJson(terminate, "EC2InstanceId", "[\"i-0a1b2c3d4e5f60718\"]"),
                        "EC2InstanceId is a JSON array, not a string"),
                bad(
                        "instance id of 9 digits",
                        with(terminate, "EC2InstanceId", "i-0a1b2c3d4"),
                        "EC2InstanceId 'i-0a1b2c3d4' is not an instance id"),
                bad(
                        "instance id upper case",
                        with(terminate, "EC2InstanceId", "i-0A1B2C3D4E5F60718"),
                        "EC2InstanceId 'i-0A1B2C3D4E5F60718' is not an instance id"),
                bad(
                        "instance id not hex",
                        with(terminate, "EC2InstanceId", "i-0a1b2c3d4e5f6071z"),
                        "is not an instance id"),
                bad(
                        "instance id with path",
                        with(terminate, "EC2InstanceId", "i-0a1b2c3d/../clients"),
                        "is not an instance id"),
                bad(
                        "instance id an AMI",
                        with(terminate, "EC2InstanceId", "ami-0a1b2c3d4e5f60718"),
                        "is not an instance id"),
                bad(
                        "group name a number",
                        withJson(terminate, "AutoScalingGroupName", "3"),
                        "AutoScalingGroupName is a number, not a string"),
                bad(
                        "group name with escape",
                        with(terminate, "AutoScalingGroupName", "web\u001b[2J"),
                        "AutoScalingGroupName 'web?[2J' is not a group name"),
                bad(
                        "lifecycle unknown transition",
                        with(lifecycle, "LifecycleTransition", "autoscaling:EC2_INSTANCE_STOPPING"),
                        "an unknown LifecycleTransition"),
                bad(
                        "lifecycle transition a boolean",
                        withJson(lifecycle, "LifecycleTransition", "true"),
                        "LifecycleTransition is a boolean, not a string"),
                bad(
                        "lifecycle without token",
                        without(lifecycle, "LifecycleActionToken"),
                        "it has no LifecycleActionToken field"),
                bad(
                        "lifecycle bad token",
                        with(lifecycle, "LifecycleActionToken", "not-a-token"),
                        "LifecycleActionToken 'not-a-token' is not a lifecycle action token"),
                bad(
                        "lifecycle without hook",
                        without(lifecycle, "LifecycleHookName"),
                        "it has no LifecycleHookName field"),
                bad(
                        "lifecycle bad hook name",
                        with(lifecycle, "LifecycleHookName", "chef cleanup!"),
                        "LifecycleHookName 'chef cleanup!' is not a lifecycle hook name"),
                bad(
                        "lifecycle without group",
                        without(lifecycle, "AutoScalingGroupName"),
                        "the lifecycle action has no AutoScalingGroupName"),
                bad("lifecycle bad instance id", with(lifecycle, "EC2InstanceId", "i-xyz"), "is not an instance id"),
                bad(
                        "EventBridge other source",
                        with(bridge, "source", "aws.ec2"),
                        "an EventBridge event from 'aws.ec2'"),
                bad(
                        "EventBridge no detail",
                        without(bridge, "detail"),
                        "the EventBridge detail is missing, not a JSON object"),
                bad(
                        "EventBridge detail a string",
                        with(bridge, "detail", "{}"),
                        "the EventBridge detail is a string, not a JSON object"),
                bad(
                        "EventBridge bad instance id",
                        withDetail(bridge, "EC2InstanceId", "i-123"),
                        "EC2InstanceId 'i-123' is not an instance id"),
                bad("EventBridge no source", without(bridge, "source"), "it has no source field"),
                bad(
                        "too large",
                        "{\"Cause\":\"" + "x".repeat(Events.MAX_BODY_CHARS) + "\"}",
                        "characters long; an Auto Scaling notification is a few kilobytes"),
                bad(
                        "unpaired surrogate",
                        terminate.replace("Terminating EC2", "Terminating \uD800 EC2"),
                        "not valid Unicode text (unpaired surrogate at character"),
                bad(
                        "Latin-1 bytes read as UTF-8",
                        latin1AsUtf8("{\"Event\":\"caf\u00e9\"}"),
                        "an unknown Auto Scaling event 'caf\uFFFD'"),
                bad("binary bytes read as UTF-8", binaryAsUtf8(), "the body is not JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodiesAreMalformedWithTheirReason(String name, String body, String reason) {
        Event event = Events.parse(body);
        Malformed malformed = assertInstanceOf(Malformed.class, event, name);
        assertTrue(malformed.reason().contains(reason), malformed.reason());
        assertFalse(malformed.reason().chars().anyMatch(Character::isISOControl), "one clean line");
        assertTrue(malformed.reason().length() < 500, malformed.reason());
    }

    private static Arguments bad(String name, String body, String reason) {
        return Arguments.of(name, body, reason);
    }

    private static String with(String json, String field, String text) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        node.put(field, text);
        return node.toString();
    }

    private static String withJson(String json, String field, String value) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        node.set(field, JSON.readTree(value));
        return node.toString();
    }

    private static String without(String json, String field) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        node.remove(field);
        return node.toString();
    }

    private static String withDetail(String json, String field, String text) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) node.get("detail")).put(field, text);
        return node.toString();
    }

    private static String latin1AsUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static String binaryAsUtf8() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (255 - i);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void theGroupArnsRegionWinsOverTheTopicsRegion() throws IOException {
        ObjectNode envelope = sampleObject("sns-envelope-asg-terminate.json");
        envelope.put("TopicArn", "arn:aws:sns:eu-west-1:123456789012:asg-events");
        InstanceEvent event = (InstanceEvent) Events.parse(envelope.toString());
        assertEquals("us-east-1", event.region());
    }

    @Test
    void aLifecycleActionThroughSnsTakesTheTopicsRegion() throws IOException {
        ObjectNode envelope = sampleObject("sns-envelope-lifecycle-terminating.json");
        envelope.put("TopicArn", "arn:aws:sns:ap-southeast-2:123456789012:asg-lifecycle");
        assertEquals("ap-southeast-2", ((InstanceEvent) Events.parse(envelope.toString())).region());
    }

    @Test
    void aRegionThatIsNotOneIsLeftUnknown() throws IOException {
        ObjectNode event = sampleObject("eventbridge-terminate-successful.json");
        event.put("region", "../../etc");
        assertEquals("", ((InstanceEvent) Events.parse(event.toString())).region());
    }
}
