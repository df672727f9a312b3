package dev.asgchef.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Message bodies for tests, made from the samples in src/test/resources/aws-messages (see its README) with the
 * instance id and lifecycle token changed.
 */
public final class AwsMessages {
    private static final String SAMPLE_INSTANCE = "i-0a1b2c3d4e5f60718";
    private static final String SAMPLE_TOKEN = "465e0162-e6af-4786-b4e8-bb544ae58790";

    private AwsMessages() {}

    public static String sample(String name) {
        try (InputStream in = AwsMessages.class.getResourceAsStream("/aws-messages/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 17-digit instance id made from {@code n}. */
    public static String instanceId(int n) {
        return String.format("i-%017x", n);
    }

    /** A lifecycle action token made from {@code n}. */
    public static String token(int n) {
        return String.format("00000000-0000-4000-8000-%012x", n);
    }

    /** EC2_INSTANCE_TERMINATE as SNS delivers it to SQS (in the envelope). */
    public static String terminate(String instanceId) {
        return sample("sns-envelope-asg-terminate.json").replace(SAMPLE_INSTANCE, instanceId);
    }

    /** EC2_INSTANCE_TERMINATE under raw message delivery. */
    public static String rawTerminate(String instanceId) {
        return sample("asg-terminate.json").replace(SAMPLE_INSTANCE, instanceId);
    }

    /** A terminating lifecycle action sent by the hook straight to SQS. */
    public static String lifecycle(String instanceId, String token) {
        return sample("lifecycle-terminating-sqs-direct.json")
                .replace(SAMPLE_INSTANCE, instanceId)
                .replace(SAMPLE_TOKEN, token);
    }

    /** EventBridge's "EC2 Instance Terminate Successful". */
    public static String eventBridgeTerminate(String instanceId) {
        return sample("eventbridge-terminate-successful.json").replace(SAMPLE_INSTANCE, instanceId);
    }

    public static String testNotification() {
        return sample("asg-test-notification.json");
    }

    public static String launch(String instanceId) {
        return sample("sns-envelope-asg-launch.json").replace(SAMPLE_INSTANCE, instanceId);
    }
}
