package dev.asgchef.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import dev.asgchef.testing.RecordingReporter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;

/** Queues are encrypted so that SNS can deliver into them. */
class WireNotificationsEncryptionTest {
    private static final String KEY = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/" + KEY;
    private static final String SNS_GRANT =
            """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Admin","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},
               "Action":"kms:*","Resource":"*"},
              {"Sid":"Sns","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
               "Action":["kms:GenerateDataKey*","kms:Decrypt"],"Resource":"*"}]}""";

    private final FakeAws aws = new FakeAws();
    private final RecordingReporter reporter = new RecordingReporter();

    private int run(Requests request) {
        return aws.wire(reporter, Clock.systemUTC()).run(request.build());
    }

    private void key(KeyManagerType manager, KeyState state, String policy) {
        aws.kms.key(
                KEY,
                KeyMetadata.builder()
                        .keyId(KEY)
                        .arn(KEY_ARN)
                        .keyManager(manager)
                        .keyState(state)
                        .build(),
                policy);
    }

    private Requests withKey() {
        Requests request = new Requests();
        request.kmsKey = Optional.of(KEY);
        return request;
    }

    @Test
    void aCustomerManagedKeyThatAdmitsSnsEncryptsBothQueues() {
        key(KeyManagerType.CUSTOMER, KeyState.ENABLED, SNS_GRANT);
        assertEquals(0, run(withKey()));
        for (String queue : List.of("web-asg-events", "web-asg-events-dlq")) {
            assertEquals(KEY, aws.sqs.attributes(queue).get("KmsMasterKeyId"), queue);
            assertEquals("false", aws.sqs.attributes(queue).get("SqsManagedSseEnabled"), queue);
        }
        assertEquals("KMS key " + KEY, reporter.results().get("encryption"));
    }

    @Test
    void aKeyWhosePolicyLeavesOutSnsIsRefusedBeforeAnythingChanges() {
        key(KeyManagerType.CUSTOMER, KeyState.ENABLED, SNS_GRANT.replace("sns.amazonaws.com", "s3.amazonaws.com"));
        AsgchefException e = assertThrows(AsgchefException.class, () -> run(withKey()));
        assertTrue(
                e.getMessage().contains("does not let sns.amazonaws.com use kms:GenerateDataKey* and kms:Decrypt"),
                e.getMessage());
        assertEquals(List.of(), aws.mutations());
    }

    @Test
    void anAwsManagedKeyNamedByIdIsRefused() {
        key(KeyManagerType.AWS, KeyState.ENABLED, "{}");
        AsgchefException e = assertThrows(AsgchefException.class, () -> run(withKey()));
        assertTrue(e.getMessage().contains("is an AWS managed key, which SNS cannot use"), e.getMessage());
        assertEquals(List.of(), aws.mutations());
    }

    @Test
    void aDisabledKeyIsRefused() {
        key(KeyManagerType.CUSTOMER, KeyState.DISABLED, SNS_GRANT);
        AsgchefException e = assertThrows(AsgchefException.class, () -> run(withKey()));
        assertTrue(e.getMessage().contains("is Disabled"), e.getMessage());
    }

    @Test
    void aKeyPolicyThatCannotBeReadIsAWarningNotARefusal() {
        key(KeyManagerType.CUSTOMER, KeyState.ENABLED, SNS_GRANT);
        aws.kms.failOn(
                "getKeyPolicy",
                KmsException.builder().message("AccessDeniedException").build());
        assertEquals(0, run(withKey()));
        assertTrue(
                reporter.warnings().get(0).startsWith("cannot read the key policy of " + KEY),
                reporter.warnings().toString());
        assertTrue(reporter.warnings().get(0).contains("--verify proves the path"));
    }

    @Test
    void aQueueOnTheAwsManagedSqsKeyIsSwitchedToSqsManagedEncryption() {
        aws.queue("web-asg-events", Map.of("KmsMasterKeyId", "alias/aws/sqs"));
        assertEquals(0, run(new Requests()));
        assertTrue(reporter.warnings().get(0).contains("AWS managed key alias/aws/sqs, which SNS cannot use"));
        assertTrue(
                reporter.step("SQS Queue").text().contains("SqsManagedSseEnabled false -> true"),
                reporter.step("SQS Queue").text());
        assertEquals("true", aws.sqs.attributes("web-asg-events").get("SqsManagedSseEnabled"));
        assertFalse(aws.sqs.attributes("web-asg-events").containsKey("KmsMasterKeyId"));
    }

    @Test
    void aQueueOnAUsableCustomerKeyKeepsIt() {
        key(KeyManagerType.CUSTOMER, KeyState.ENABLED, SNS_GRANT);
        aws.queue("web-asg-events", Map.of("KmsMasterKeyId", KEY));
        run(new Requests());
        assertEquals(KEY, aws.sqs.attributes("web-asg-events").get("KmsMasterKeyId"));
        assertEquals(KEY, aws.sqs.attributes("web-asg-events-dlq").get("KmsMasterKeyId"));
    }

    @Test
    void grantsAreReadFromAnyAllowStatementNamingSns() {
        assertTrue(KeyCheck.grantsSns(SNS_GRANT));
        assertTrue(KeyCheck.grantsSns("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "[\"events.amazonaws.com\",\"sns.amazonaws.com\"]},\"Action\":\"kms:*\",\"Resource\":\"*\"}}"));
        assertTrue(KeyCheck.grantsSns("{\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"kms:Decrypt\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},"
                + "\"Action\":\"kms:GenerateDataKey\"}]}"));
        assertFalse(
                KeyCheck.grantsSns("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"sns.amazonaws.com\"},\"Action\":\"kms:Decrypt\"}]}"),
                "GenerateDataKey is missing");
        assertFalse(KeyCheck.grantsSns("{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"Service\":"
                + "\"sns.amazonaws.com\"},\"Action\":\"kms:*\"}]}"));
        assertFalse(KeyCheck.grantsSns("not json"));
    }
}
