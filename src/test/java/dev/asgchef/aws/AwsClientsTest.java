package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.testing.RecordingHttpServer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

class AwsClientsTest {
    private static AwsClients clients(RecordingHttpServer server, String region) {
        return new AwsClients(
                AwsSettings.of(region, null, server.uri().toString()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
    }

    @Test
    void sqsClientSendsToTheEndpointOverrideSignedForTheChosenRegion() throws Exception {
        try (RecordingHttpServer server =
                        new RecordingHttpServer(200, "application/x-amz-json-1.0", "{\"QueueUrls\":[]}");
                AwsClients aws = clients(server, "eu-central-1")) {
            aws.sqs().listQueues();
            assertEquals(1, server.requests().size());
            RecordingHttpServer.Request request = server.requests().get(0);
            assertEquals("POST", request.method());
            assertEquals("AmazonSQS.ListQueues", request.header("X-Amz-Target"));
            assertEquals("127.0.0.1:" + server.uri().getPort(), request.header("Host"));
            String authorization = request.header("Authorization");
            assertNotNull(authorization);
            assertTrue(authorization.contains("/eu-central-1/sqs/aws4_request"), authorization);
            assertTrue(authorization.contains("Credential=AKIDTEST/"), authorization);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"autoscaling", "monitoring", "ec2", "sns", "sqs"})
    void everyServiceClientUsesTheEndpointOverride(String signingName) throws Exception {
        try (RecordingHttpServer server = new RecordingHttpServer(500, "text/plain", "");
                AwsClients aws = clients(server, "ap-southeast-2")) {
            Consumer<AwsClients> call =
                    switch (signingName) {
                        case "autoscaling" -> a -> a.autoScaling().describeAutoScalingGroups();
                        case "monitoring" -> a -> a.cloudWatch().describeAlarms();
                        case "ec2" -> a -> a.ec2().describeRegions();
                        case "sns" -> a -> a.sns().listTopics();
                        default -> a -> a.sqs().listQueues();
                    };
            assertThrows(SdkException.class, () -> call.accept(aws));
            assertTrue(server.requests().size() >= 1, "no request reached the override");
            String authorization = server.requests().get(0).header("Authorization");
            assertTrue(authorization.contains("/ap-southeast-2/" + signingName + "/aws4_request"), authorization);
        }
    }

    @Test
    void serverErrorsAreRetriedByTheStandardRetryMode() throws Exception {
        try (RecordingHttpServer server = new RecordingHttpServer(503, "text/plain", "");
                AwsClients aws = clients(server, "us-east-1")) {
            assertThrows(SdkException.class, () -> aws.sqs().listQueues());
            assertEquals(3, server.requests().size(), "standard mode makes 3 attempts");
        }
    }

    @Test
    void clientsAreBuiltOnlyWhenFirstUsedAndReused() throws Exception {
        try (RecordingHttpServer server = new RecordingHttpServer(200, "application/x-amz-json-1.0", "{}");
                AwsClients aws = clients(server, "us-east-1")) {
            assertTrue(server.requests().isEmpty());
            assertTrue(aws.sqs() == aws.sqs(), "the same client every time");
        }
    }

    @Test
    void aClientGivenUpFrontIsUsedInsteadOfBuildingOneAndLeftOpen() throws Exception {
        try (RecordingHttpServer server = new RecordingHttpServer(200, "application/x-amz-json-1.0", "{}")) {
            software.amazon.awssdk.services.ec2.Ec2Client given =
                    org.mockito.Mockito.mock(software.amazon.awssdk.services.ec2.Ec2Client.class);
            AwsClients aws =
                    clients(server, "us-east-1").supply(software.amazon.awssdk.services.ec2.Ec2Client.class, given);
            assertTrue(aws.ec2() == given, "the given client, not a built one");
            aws.sqs().listQueues();
            aws.close();
            assertEquals(1, server.requests().size(), "the other services still go to the endpoint");
            org.mockito.Mockito.verify(given, org.mockito.Mockito.never()).close();
        }
    }

    @Test
    void aClosedFactoryBuildsNoMoreClients() {
        AwsClients aws = new AwsClients(AwsSettings.of("us-east-1", null, null), null);
        aws.close();
        assertThrows(IllegalStateException.class, aws::sqs);
    }

    @Test
    void explicitRegionIsUsedAsGiven() {
        try (AwsClients aws = new AwsClients(AwsSettings.of("sa-east-1", null, null), null)) {
            assertEquals("sa-east-1", aws.region().id());
        }
    }
}
