package dev.asgchef.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.Json;
import dev.asgchef.aws.AwsFailure;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * Whether SNS can deliver into a queue encrypted with a KMS key: the key must be a customer managed key (the key
 * policy of an AWS managed key such as alias/aws/sqs cannot be changed to admit SNS), enabled, in the queue's region,
 * and its key policy must let {@code sns.amazonaws.com} use {@code kms:GenerateDataKey*} and {@code kms:Decrypt}.
 */
final class KeyCheck {
    static final String SNS = "sns.amazonaws.com";

    private static final ObjectMapper MAPPER = Json.mapper();

    private final Supplier<KmsClient> kms;

    KeyCheck(Supplier<KmsClient> kms) {
        this.kms = kms;
    }

    /** What the check found. */
    enum Verdict {
        /** SNS can use the key. */
        USABLE,
        /** An AWS managed key: SNS can never use it. */
        AWS_MANAGED,
        /** SNS cannot use the key as it is. */
        UNUSABLE,
        /** The key or its policy could not be read; the operator must make sure. */
        UNVERIFIED
    }

    record Result(Verdict verdict, String reason) {}

    Result check(String keyId, GroupRef group) {
        KeyMetadata key;
        try {
            key = kms.get().describeKey(b -> b.keyId(keyId)).keyMetadata();
        } catch (NotFoundException e) {
            return new Result(
                    Verdict.UNUSABLE, "KMS key " + keyId + " does not exist in " + group.region() + ": check the id");
        } catch (SdkException e) {
            return new Result(
                    Verdict.UNVERIFIED, "cannot describe KMS key " + keyId + " (" + AwsFailure.reason(e) + ")");
        }
        if (key.keyManager() == KeyManagerType.AWS) {
            return new Result(Verdict.AWS_MANAGED, "KMS key " + keyId + " is an AWS managed key");
        }
        if (key.keyState() != KeyState.ENABLED) {
            return new Result(
                    Verdict.UNUSABLE,
                    "KMS key " + keyId + " is " + key.keyStateAsString() + ": enable it or use another");
        }
        String region = key.arn() == null ? "" : key.arn().split(":")[3];
        if (!region.isEmpty() && !region.equals(group.region())) {
            return new Result(
                    Verdict.UNUSABLE,
                    "KMS key " + keyId + " is in " + region + ", the queue in " + group.region()
                            + ": SQS needs a key of its own region");
        }
        String policy;
        try {
            policy = kms.get()
                    .getKeyPolicy(b -> b.keyId(key.arn()).policyName("default"))
                    .policy();
        } catch (SdkException e) {
            return new Result(
                    Verdict.UNVERIFIED, "cannot read the key policy of " + keyId + " (" + AwsFailure.reason(e) + ")");
        }
        if (grantsSns(policy)) {
            return new Result(Verdict.USABLE, "key policy of " + keyId + " lets SNS use it");
        }
        return new Result(
                Verdict.UNUSABLE,
                "the key policy of " + keyId + " does not let " + SNS + " use kms:GenerateDataKey* and kms:Decrypt,"
                        + " so SNS could not deliver to the queue: add the statement shown in docs/notifications.md");
    }

    /** Whether the Allow statements naming the SNS service principal together cover both actions SNS needs. */
    static boolean grantsSns(String policy) {
        JsonNode document;
        try {
            document = MAPPER.readTree(policy);
        } catch (JsonProcessingException e) {
            return false;
        }
        Set<String> actions = new HashSet<>();
        JsonNode statements = document.path("Statement");
        for (JsonNode statement :
                statements.isArray() ? statements : MAPPER.createArrayNode().add(statements)) {
            if ("Allow".equals(statement.path("Effect").asText())
                    && values(statement.path("Principal").path("Service")).contains(SNS)) {
                values(statement.path("Action")).forEach(a -> actions.add(a.toLowerCase(Locale.ROOT)));
            }
        }
        return covers(actions, "kms:generatedatakey") && covers(actions, "kms:decrypt");
    }

    private static boolean covers(Set<String> actions, String action) {
        return actions.contains("*")
                || actions.contains("kms:*")
                || actions.contains(action)
                || actions.contains(action + "*");
    }

    private static Set<String> values(JsonNode node) {
        Set<String> values = new HashSet<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
