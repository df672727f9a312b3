package dev.asgchef.notify;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.QueueAttributes;
import dev.asgchef.report.Reporter;
import java.util.Optional;

/** Decides how the queues are encrypted, before anything is changed, and refuses a key SNS could not use. */
final class EncryptionChoice {
    private final KeyCheck keys;
    private final Reporter reporter;

    EncryptionChoice(KeyCheck keys, Reporter reporter) {
        this.keys = keys;
        this.reporter = reporter;
    }

    /**
     * {@code --kms-key} if given; else a customer managed key the queue already has, kept; else SQS-managed keys
     * (which also replaces the AWS managed key alias/aws/sqs, the one encryption SNS cannot deliver into).
     */
    Encryption choose(WireRequest request, Optional<QueueAttributes> queue, GroupRef found) {
        Optional<String> current = queue.flatMap(q -> q.value(QueueAttributes.KMS_KEY));
        Optional<String> key = request.kmsKey().or(() -> current);
        if (key.isEmpty()) {
            return new Encryption.SqsManaged();
        }
        boolean asked = request.kmsKey().isPresent();
        if (!asked && isAwsManagedAlias(key.get())) {
            reporter.warn("queue " + request.queue().name() + " is encrypted with the AWS managed key " + key.get()
                    + ", which SNS cannot use: it moves to SQS-managed encryption");
            return new Encryption.SqsManaged();
        }
        KeyCheck.Result result = keys.check(key.get(), found);
        String source = asked ? "--kms-key " + key.get() : "the queue's KMS key " + key.get();
        switch (result.verdict()) {
            case USABLE -> reporter.detail(result.reason());
            case UNVERIFIED ->
                reporter.warn(result.reason() + ": make sure its key policy lets " + KeyCheck.SNS
                        + " use kms:GenerateDataKey* and kms:Decrypt (--verify proves the path)");
            case AWS_MANAGED -> {
                if (asked) {
                    throw new AsgchefException(source + " is an AWS managed key, which SNS cannot use: omit"
                            + " --kms-key for SQS-managed encryption, or name a customer managed key");
                }
                reporter.warn(source + " is an AWS managed key, which SNS cannot use: the queue moves to"
                        + " SQS-managed encryption");
                return new Encryption.SqsManaged();
            }
            case UNUSABLE ->
                throw new AsgchefException(
                        result.reason() + (asked ? "" : "; or pass --kms-key with a key whose policy admits SNS"));
        }
        return new Encryption.Kms(key.get());
    }

    private static boolean isAwsManagedAlias(String key) {
        return key.startsWith("alias/aws/") || key.contains(":alias/aws/");
    }
}
