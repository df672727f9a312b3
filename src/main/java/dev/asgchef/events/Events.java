package dev.asgchef.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.InstanceId;
import dev.asgchef.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one function from an SQS message body to an {@link Event}. It accepts every shape Auto Scaling events reach a
 * queue in: the SNS envelope (the notification is a JSON string inside {@code Message}), raw delivery, lifecycle-hook
 * messages sent straight to SQS or through SNS, and EventBridge events (the facts under {@code detail}). Anything else
 * becomes {@link Malformed} with the reason; it never throws.
 */
public final class Events {
    /** SQS accepts bodies up to 1 MiB; an Auto Scaling notification is a few kilobytes. */
    static final int MAX_BODY_CHARS = 1024 * 1024;

    static final String TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING";
    static final String LAUNCHING = "autoscaling:EC2_INSTANCE_LAUNCHING";

    // The project's reading rules (Json): among them, a body with two EC2InstanceId fields is malformed rather than
    // meaning whichever one wins.
    private static final ObjectMapper JSON = Json.mapper();

    // CompleteLifecycleAction's own constraints: hook names are [A-Za-z0-9\-_\/]+, tokens are 36-character UUIDs.
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-\\d+");
    private static final Pattern HOOK_NAME = Pattern.compile("[A-Za-z0-9_/-]{1,255}");
    private static final Pattern TOKEN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int QUOTE_LIMIT = 80;

    private Events() {}

    /** What {@code body} says; never throws, never returns null. */
    public static Event parse(String body) {
        try {
            return classify(body);
        } catch (Rejected rejected) {
            return new Malformed(rejected.getMessage());
        }
    }

    private static Event classify(String body) {
        if (body == null || body.isBlank()) {
            throw new Rejected("the body is empty");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new Rejected("the body is " + body.length()
                    + " characters long; an Auto Scaling notification is a few kilobytes");
        }
        checkUnicode(body);
        JsonNode root = object(body, "the body");
        boolean envelope = isSnsEnvelope(root);
        JsonNode payload = envelope ? snsMessage(root) : root;
        Event event = payload.has("detail-type") ? eventBridge(payload) : autoScaling(payload);
        if (event instanceof TestNotification test && envelope) {
            return new TestNotification(test.groupName(), requiredText(root, "TopicArn"), test.time());
        }
        return withRegion(event, region(payload, envelope ? root : null));
    }

    /** The group's own region if the message names it, else the SNS topic's (a topic must be in its group's region). */
    private static String region(JsonNode payload, JsonNode envelope) {
        Optional<String> region = optionalText(payload, "region")
                .or(() -> optionalText(payload, "AutoScalingGroupARN").flatMap(Events::arnRegion))
                .or(() -> envelope == null
                        ? Optional.empty()
                        : optionalText(envelope, "TopicArn").flatMap(Events::arnRegion));
        return region.filter(r -> REGION.matcher(r).matches()).orElse("");
    }

    private static Optional<String> arnRegion(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") ? Optional.of(parts[3]) : Optional.empty();
    }

    private static Event withRegion(Event event, String region) {
        if (event instanceof InstanceTerminated t) {
            return new InstanceTerminated(t.instanceId(), t.groupName(), region);
        }
        if (event instanceof TerminatingLifecycleAction a) {
            return new TerminatingLifecycleAction(a.instanceId(), a.groupName(), a.hookName(), a.token(), region);
        }
        return event;
    }

    /** SQS cannot carry unpaired surrogates; a body with one was damaged on its way here. */
    private static void checkUnicode(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < body.length() && Character.isLowSurrogate(body.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Rejected("the body is not valid Unicode text (unpaired surrogate at character " + i + ")");
            }
        }
    }

    private static JsonNode object(String text, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Rejected(what + " is not JSON (" + clean(e.getOriginalMessage()) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new Rejected(what + " is " + kind(node) + ", not a JSON object");
        }
        return node;
    }

    private static boolean isSnsEnvelope(JsonNode node) {
        return node.has("TopicArn") && node.has("Type");
    }

    private static JsonNode snsMessage(JsonNode envelope) {
        String type = requiredText(envelope, "Type");
        if (type.equals("SubscriptionConfirmation") || type.equals("UnsubscribeConfirmation")) {
            throw new Rejected("an SNS " + type + " for topic "
                    + quote(optionalText(envelope, "TopicArn").orElse(""))
                    + ", not a notification: confirm the subscription with 'aws sns confirm-subscription'"
                    + " (drain-queue never follows links in messages)");
        }
        if (!type.equals("Notification")) {
            throw new Rejected("an SNS message of Type " + quote(type) + ", not a Notification");
        }
        JsonNode message = envelope.get("Message");
        if (message == null || !message.isTextual()) {
            throw new Rejected("the SNS Message is " + kind(message) + ", not a string holding JSON");
        }
        return object(message.textValue(), "the SNS Message");
    }

    private static final String EC2_STATE_CHANGE = "EC2 Instance State-change Notification";

    private static Event eventBridge(JsonNode event) {
        String source = requiredText(event, "source");
        String detailType = requiredText(event, "detail-type");
        if (source.equals("aws.ec2") && detailType.equals(EC2_STATE_CHANGE)) {
            return ec2StateChange(detail(event));
        }
        if (!source.equals("aws.autoscaling")) {
            throw new Rejected("an EventBridge event from " + quote(source) + " (" + quote(detailType)
                    + "); drain-queue reads aws.autoscaling events");
        }
        JsonNode detail = detail(event);
        return switch (detailType) {
            case "EC2 Instance Terminate Successful" -> terminated(detail);
            case "EC2 Instance-terminate Lifecycle Action" -> lifecycleAction(detail);
            default -> new Ignorable("EventBridge " + quote(detailType) + " event" + inGroup(detail));
        };
    }

    private static JsonNode detail(JsonNode event) {
        JsonNode detail = event.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new Rejected("the EventBridge detail is " + kind(detail) + ", not a JSON object");
        }
        return detail;
    }

    /**
     * EC2's own state-change event, for every instance of the account and region, in a group or not: shutting-down and
     * terminated are terminations (the termination check still asks EC2 before any node goes), other states are not.
     */
    private static Event ec2StateChange(JsonNode detail) {
        String id = requiredText(detail, "instance-id");
        InstanceId instance = InstanceId.parse(id)
                .orElseThrow(() -> new Rejected(
                        "instance-id " + quote(id) + " is not an instance id (i- and 8 or 17" + " hex digits)"));
        String state = requiredText(detail, "state");
        return state.equals("shutting-down") || state.equals("terminated")
                ? new InstanceTerminated(instance, "")
                : new Ignorable("EC2 state change of " + instance + " to " + quote(state));
    }

    private static Event autoScaling(JsonNode message) {
        Optional<String> event = optionalText(message, "Event");
        if (event.isPresent() && event.get().equals("autoscaling:TEST_NOTIFICATION")) {
            return new TestNotification(optionalGroup(message), "", time(message));
        }
        if (message.has("LifecycleTransition")) {
            return lifecycleAction(message);
        }
        if (event.isEmpty()) {
            throw new Rejected("not an Auto Scaling notification: it has no Event, LifecycleTransition or detail-type");
        }
        return switch (event.get()) {
            case "autoscaling:EC2_INSTANCE_TERMINATE" -> terminated(message);
            case "autoscaling:EC2_INSTANCE_LAUNCH" ->
                new Ignorable("launch of "
                        + quote(optionalText(message, "EC2InstanceId").orElse("")) + inGroup(message));
            case "autoscaling:EC2_INSTANCE_LAUNCH_ERROR" -> new Ignorable("failed launch" + inGroup(message));
            case "autoscaling:EC2_INSTANCE_TERMINATE_ERROR" ->
                new Ignorable("failed termination of "
                        + quote(optionalText(message, "EC2InstanceId").orElse(""))
                        + inGroup(message)
                        + ": the instance may still run, so its node stays");
            default -> throw new Rejected("an unknown Auto Scaling event " + quote(event.get()));
        };
    }

    /** The message's {@code Time}; empty when it has none or it is not an ISO-8601 instant. */
    private static Optional<Instant> time(JsonNode message) {
        try {
            return optionalText(message, "Time").map(Instant::parse);
        } catch (DateTimeParseException | Rejected e) {
            return Optional.empty();
        }
    }

    private static Event terminated(JsonNode message) {
        return new InstanceTerminated(instanceId(message), optionalGroup(message));
    }

    private static Event lifecycleAction(JsonNode message) {
        String transition = requiredText(message, "LifecycleTransition");
        if (transition.equals(LAUNCHING)) {
            return new Ignorable("launching lifecycle action for "
                    + quote(optionalText(message, "EC2InstanceId").orElse(""))
                    + inGroup(message)
                    + ", not drain-queue's to complete");
        }
        if (!transition.equals(TERMINATING)) {
            throw new Rejected("an unknown LifecycleTransition " + quote(transition));
        }
        InstanceId instance = instanceId(message);
        String group = optionalGroup(message);
        if (group.isEmpty()) {
            throw new Rejected("the lifecycle action has no AutoScalingGroupName to complete it with");
        }
        String hook = requiredText(message, "LifecycleHookName");
        if (!HOOK_NAME.matcher(hook).matches()) {
            throw new Rejected("LifecycleHookName " + quote(hook) + " is not a lifecycle hook name");
        }
        String token = requiredText(message, "LifecycleActionToken");
        if (!TOKEN.matcher(token).matches()) {
            throw new Rejected("LifecycleActionToken " + quote(token) + " is not a lifecycle action token (a UUID)");
        }
        return new TerminatingLifecycleAction(instance, group, hook, token);
    }

    private static InstanceId instanceId(JsonNode message) {
        String id = requiredText(message, "EC2InstanceId");
        return InstanceId.parse(id)
                .orElseThrow(() -> new Rejected(
                        "EC2InstanceId " + quote(id) + " is not an instance id (i- and 8 or 17 hex digits)"));
    }

    /** The group name, or empty; present but not a plausible group name is malformed. */
    private static String optionalGroup(JsonNode message) {
        Optional<String> group = optionalText(message, "AutoScalingGroupName");
        if (group.isPresent() && (group.get().length() > 255 || !group.get().equals(clean(group.get())))) {
            throw new Rejected("AutoScalingGroupName " + quote(group.get()) + " is not a group name");
        }
        return group.orElse("");
    }

    private static String inGroup(JsonNode message) {
        return optionalText(message, "AutoScalingGroupName")
                .map(g -> " (" + clean(g) + ")")
                .orElse("");
    }

    private static String requiredText(JsonNode node, String field) {
        return optionalText(node, field)
                .orElseThrow(
                        () -> new Rejected(node.has(field) ? field + " is empty" : "it has no " + field + " field"));
    }

    /** The field's text; empty when absent, null or ""; a field of another type is malformed. */
    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new Rejected(field + " is " + kind(value) + ", not a string");
        }
        return value.textValue().isEmpty() ? Optional.empty() : Optional.of(value.textValue());
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "array", "object" -> "a JSON " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    /** Message text quoted for a report line: control characters cannot reach the terminal, and it stays short. */
    private static String quote(String text) {
        String flat = clean(text);
        return "'" + (flat.length() > QUOTE_LIMIT ? flat.substring(0, QUOTE_LIMIT - 3) + "..." : flat) + "'";
    }

    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        String flat = out.toString();
        return flat.length() > 4 * QUOTE_LIMIT ? flat.substring(0, 4 * QUOTE_LIMIT - 3) + "..." : flat;
    }

    /** Why a body is malformed; caught in {@link #parse}, never escapes. */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
