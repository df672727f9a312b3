package dev.asgchef.notify;

import dev.asgchef.aws.QueueAttributes;
import java.util.Map;

/**
 * How the queues are encrypted at rest, in a way SNS can deliver into: SQS-managed keys, or a customer managed KMS key
 * whose policy lets SNS use it. (The AWS managed key alias/aws/sqs is never chosen: SNS cannot use it.)
 */
sealed interface Encryption {
    /** The queue attributes that say so. Setting one mode makes SQS drop the other. */
    Map<String, String> attributes();

    String describe();

    /** SSE-SQS: keys owned by SQS, nothing to grant. */
    record SqsManaged() implements Encryption {
        @Override
        public Map<String, String> attributes() {
            return Map.of(QueueAttributes.SQS_MANAGED_SSE, "true");
        }

        @Override
        public String describe() {
            return "SQS-managed encryption";
        }
    }

    /** SSE-KMS with a customer managed key. */
    record Kms(String keyId) implements Encryption {
        @Override
        public Map<String, String> attributes() {
            return Map.of(QueueAttributes.KMS_KEY, keyId);
        }

        @Override
        public String describe() {
            return "KMS key " + keyId;
        }
    }
}
