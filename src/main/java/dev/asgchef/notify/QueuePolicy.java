package dev.asgchef.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.asgchef.Json;
import dev.asgchef.aws.Arn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queue's access policy: a statement that lets exactly one SNS topic send to it, with {@code --eventbridge} one that
 * lets exactly the group's EventBridge rules send to it, and one that refuses any request not made over TLS. They are merged into whatever the queue's policy already says, so statements other people or
 * other topics rely on survive, and running again adds nothing twice.
 */
final class QueuePolicy {
    static final String VERSION = "2012-10-17";
    static final String DENY_INSECURE_SID = "asgchef-deny-insecure-transport";

    private static final ObjectMapper MAPPER = Json.mapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private QueuePolicy() {}

    /** What a merge did to the policy. */
    public enum Change {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /** The merged document and how it differs from the one the queue had. */
    public record Merge(ObjectNode document, Change change) {
        public String json() {
            return document.toString();
        }
    }

    /** SNS may send to the queue, but only on behalf of this topic ({@code aws:SourceArn}). */
    public static ObjectNode allowTopic(Arn queueArn, Arn topicArn) {
        ObjectNode statement = JSON.objectNode();
        statement.put("Sid", "asgchef-allow-sns-" + topicArn.resource());
        statement.put("Effect", "Allow");
        statement.putObject("Principal").put("Service", "sns.amazonaws.com");
        statement.put("Action", "sqs:SendMessage");
        statement.put("Resource", queueArn.toString());
        statement.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", topicArn.toString());
        return statement;
    }

    /**
     * EventBridge may send to the queue, but only for these rules ({@code aws:SourceArn}); one statement per group, so
     * that wiring another group to the same queue adds its own.
     */
    public static ObjectNode allowRules(Arn queueArn, String group, List<Arn> ruleArns) {
        ObjectNode statement = JSON.objectNode();
        statement.put("Sid", "asgchef-allow-eventbridge-" + group);
        statement.put("Effect", "Allow");
        statement.putObject("Principal").put("Service", "events.amazonaws.com");
        statement.put("Action", "sqs:SendMessage");
        statement.put("Resource", queueArn.toString());
        ArrayNode sources =
                statement.putObject("Condition").putObject("ArnEquals").putArray("aws:SourceArn");
        ruleArns.forEach(arn -> sources.add(arn.toString()));
        return statement;
    }

    /** Nobody may use the queue except over TLS. */
    public static ObjectNode denyInsecureTransport(Arn queueArn) {
        ObjectNode statement = JSON.objectNode();
        statement.put("Sid", DENY_INSECURE_SID);
        statement.put("Effect", "Deny");
        statement.put("Principal", "*");
        statement.put("Action", "sqs:*");
        statement.put("Resource", queueArn.toString());
        statement.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
        return statement;
    }

    /**
     * Merges {@code wanted} into the queue's current policy. A wanted statement already present (under any Sid, in
     * any equivalent spelling) is left alone; one whose Sid is present with other content replaces it in place;
     * anything else is appended. Every other statement is kept as it was.
     *
     * @throws IllegalArgumentException when the current policy is not a JSON object
     */
    public static Merge merge(Optional<String> current, List<ObjectNode> wanted) {
        if (current.isEmpty() || current.get().isBlank()) {
            ObjectNode document = JSON.objectNode();
            document.put("Version", VERSION);
            ArrayNode statements = document.putArray("Statement");
            wanted.forEach(statements::add);
            return new Merge(document, Change.CREATED);
        }
        ObjectNode original = parse(current.get());
        ObjectNode document = original.deepCopy();
        if (!document.has("Version")) {
            document.put("Version", VERSION);
        }
        List<JsonNode> statements = new ArrayList<>(statementsOf(document));
        for (ObjectNode statement : wanted) {
            if (statements.stream().anyMatch(s -> sameGrant(s, statement))) {
                continue;
            }
            int sameSid = indexOfSid(statements, statement.path("Sid").asText());
            if (sameSid >= 0) {
                statements.set(sameSid, statement);
            } else {
                statements.add(statement);
            }
        }
        document.putArray("Statement").addAll(statements);
        boolean unchanged = normalize(withStatementArray(original)).equals(normalize(document));
        return new Merge(document, unchanged ? Change.UNCHANGED : Change.UPDATED);
    }

    private static ObjectNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new IllegalArgumentException("the queue's current policy is not a JSON object");
    }

    private static List<JsonNode> statementsOf(ObjectNode document) {
        JsonNode statement = document.path("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statement.isArray()) {
            statement.forEach(list::add);
        } else if (statement.isObject()) {
            list.add(statement);
        }
        return list;
    }

    private static ObjectNode withStatementArray(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        copy.putArray("Statement").addAll(statementsOf(document));
        if (!copy.has("Version")) {
            copy.put("Version", VERSION);
        }
        return copy;
    }

    private static int indexOfSid(List<JsonNode> statements, String sid) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).path("Sid").asText("").equals(sid)) {
                return i;
            }
        }
        return -1;
    }

    /** Two statements grant the same thing when they are equal apart from their Sid and spelling. */
    static boolean sameGrant(JsonNode a, JsonNode b) {
        if (!(a instanceof ObjectNode x) || !(b instanceof ObjectNode y)) {
            return false;
        }
        ObjectNode left = x.deepCopy();
        ObjectNode right = y.deepCopy();
        left.remove("Sid");
        right.remove("Sid");
        return normalize(left).equals(normalize(right));
    }

    /**
     * Spellings a policy engine treats as the same: a one-element list is its element, lists are unordered, and
     * {@code "Principal": "*"} is {@code {"AWS": "*"}}.
     */
    static JsonNode normalize(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JSON.objectNode();
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            fields.sort(Map.Entry.comparingByKey());
            for (Map.Entry<String, JsonNode> field : fields) {
                JsonNode value = field.getValue();
                if (field.getKey().equals("Principal")
                        && value.isTextual()
                        && value.asText().equals("*")) {
                    value = JSON.objectNode().set("AWS", TextNode.valueOf("*"));
                }
                out.set(field.getKey(), normalize(value));
            }
            return out;
        }
        if (node.isArray()) {
            if (node.size() == 1) {
                return normalize(node.get(0));
            }
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(normalize(item)));
            items.sort(Comparator.comparing(JsonNode::toString));
            return JSON.arrayNode().addAll(items);
        }
        return node;
    }
}
