package dev.asgchef.drain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.AsgchefException;
import dev.asgchef.aws.AwsFailure;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.OptionalInt;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The queue as SQS has it: its URL, its visibility timeout (how long a received message stays hidden, so how long
 * before a message left for retry comes back) and its redrive policy (after how many receives a message moves to
 * the dead-letter queue).
 */
record QueueSettings(String url, int visibilitySeconds, OptionalInt maxReceiveCount, String deadLetterQueue) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Resolves the queue and reads its settings: the first calls of a run, so they name what to fix. */
    static QueueSettings read(SqsClient sqs, QueueRef queue) {
        try {
            String url = queue.url().map(URI::toString).orElseGet(() -> sqs.getQueueUrl(r -> {
                        r.queueName(queue.name());
                        queue.ownerAccount().ifPresent(r::queueOwnerAWSAccountId);
                    })
                    .queueUrl());
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                            .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.REDRIVE_POLICY))
                    .attributes();
            int visibility = Integer.parseInt(attributes.getOrDefault(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
            JsonNode redrive = redrive(attributes.get(QueueAttributeName.REDRIVE_POLICY));
            OptionalInt maxReceives = redrive.path("maxReceiveCount").asInt(0) > 0
                    ? OptionalInt.of(redrive.path("maxReceiveCount").asInt())
                    : OptionalInt.empty();
            String arn = redrive.path("deadLetterTargetArn").asText("");
            return new QueueSettings(url, visibility, maxReceives, arn.substring(arn.lastIndexOf(':') + 1));
        } catch (QueueDoesNotExistException e) {
            throw new AsgchefException("The queue '" + queue + "' does not exist here: check --queue, --region and"
                    + " --profile (wire-notifications creates the queue)");
        } catch (SdkException e) {
            throw new AsgchefException("Cannot read the queue '" + queue + "': " + AwsFailure.describe(e));
        }
    }

    private static JsonNode redrive(String policy) {
        if (policy == null || policy.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(policy);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
