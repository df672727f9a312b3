package dev.asgchef.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** The published IAM policies under docs/iam, read as their tests compare them with the calls a run made. */
public final class IamPolicies {
    private IamPolicies() {}

    /** Every action the policy's statements allow, e.g. {@code sqs:ReceiveMessage}. */
    public static Set<String> actions(String file) throws IOException {
        JsonNode policy = new ObjectMapper().readTree(Path.of("docs/iam", file).toFile());
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            JsonNode action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        }
        return actions;
    }
}
