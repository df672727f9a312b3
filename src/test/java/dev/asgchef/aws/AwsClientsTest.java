package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import dev.asgchef.testing.FakeSns;
import dev.asgchef.testing.RecordingHttpServer;
import dev.asgchef.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

class AwsClientsTest {
    /**
     * The access key the SDK's default chain finds under Maven: surefire sets the aws.accessKeyId system property, as an
     * operator's environment would set AWS_ACCESS_KEY_ID.
     */
    private static final String ACCESS_KEY = System.getProperty("aws.accessKeyId");

    private static AwsClients clients(RecordingHttpServer server, String region) {
        return new AwsClients(AwsSettings.of(region, null, server.uri().toString(), null));
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
            assertTrue(authorization.contains("Credential=" + ACCESS_KEY + "/"), authorization);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"autoscaling", "monitoring", "ec2", "events", "kms", "sns", "sqs"})
    void everyServiceClientUsesTheEndpointOverride(String signingName) throws Exception {
        try (RecordingHttpServer server = new RecordingHttpServer(500, "text/plain", "");
                AwsClients aws = clients(server, "ap-southeast-2")) {
            Consumer<AwsClients> call =
                    switch (signingName) {
                        case "autoscaling" -> a -> a.autoScaling().describeAutoScalingGroups();
                        case "monitoring" -> a -> a.cloudWatch().describeAlarms();
                        case "ec2" -> a -> a.ec2().describeRegions();
                        case "events" -> a -> a.eventBridge().listRules(r -> r.limit(1));
                        case "kms" -> a -> a.kms().listKeys();
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
    void aSuppliedClientTakesThePlaceOfItsServiceAndStaysOpen() throws Exception {
        FakeSns supplied = new FakeSns();
        try (RecordingHttpServer server =
                new RecordingHttpServer(200, "application/x-amz-json-1.0", "{\"QueueUrls\":[]}")) {
            AwsClients aws = clients(server, "us-east-1").supply(SnsClient.class, supplied);
            assertSame(supplied, aws.sns());
            aws.sqs().listQueues();
            assertEquals(1, server.requests().size(), "the other services are still built from the settings");
            aws.close();
            assertFalse(supplied.closed(), "a supplied client belongs to whoever supplied it");
        }
    }

    @Test
    void aClosedFactoryBuildsNoMoreClients() {
        AwsClients aws = new AwsClients(AwsSettings.of("us-east-1", null, null, null));
        aws.close();
        assertThrows(IllegalStateException.class, aws::sqs);
    }

    @Test
    void explicitRegionIsUsedAsGiven() {
        try (AwsClients aws = new AwsClients(AwsSettings.of("sa-east-1", null, null, null))) {
            assertEquals("sa-east-1", aws.region().id());
        }
    }

    @Test
    void regionalEc2ClientSignsForItsOwnRegionWithTheSameEndpoint() throws Exception {
        try (RecordingHttpServer server = new RecordingHttpServer(500, "text/plain", "");
                AwsClients aws = clients(server, "us-east-1")) {
            assertThrows(
                    SdkException.class, () -> aws.ec2(Region.of("eu-west-3")).describeRegions());
            String authorization = server.requests().get(0).header("Authorization");
            assertTrue(authorization.contains("/eu-west-3/ec2/aws4_request"), authorization);
            assertTrue(authorization.contains("Credential=" + ACCESS_KEY + "/"), authorization);
        }
    }

    @Test
    void regionalEc2ClientsAreBuiltOncePerRegionAndShareTheDefault() {
        try (AwsClients aws = new AwsClients(AwsSettings.of("us-east-1", null, null, null))) {
            assertSame(aws.ec2(Region.of("us-west-2")), aws.ec2(Region.of("us-west-2")));
            assertSame(aws.ec2(), aws.ec2(Region.US_EAST_1));
            assertNotSame(aws.ec2(), aws.ec2(Region.of("us-west-2")));
        }
    }

    @Test
    void configuredRegionIsTheExplicitRegion() {
        try (AwsClients aws = new AwsClients(AwsSettings.of("ap-south-1", null, null, null))) {
            assertEquals(Optional.of(Region.AP_SOUTH_1), aws.configuredRegion());
        }
    }

    @Test
    void aProfileWithoutCredentialsIsOneLineNamingTheFix() {
        try (AwsClients aws = new AwsClients(
                AwsSettings.of("us-east-1", "asgchef-test-no-such-profile", "http://127.0.0.1:9", null))) {
            dev.asgchef.AsgchefException e = assertThrows(dev.asgchef.AsgchefException.class, aws::sqs);
            assertTrue(
                    e.getMessage().startsWith("No usable AWS credentials from profile 'asgchef-test-no-such-profile'"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("aws sso login"), e.getMessage());
            assertTrue(e.getMessage().contains("(it is not in ~/.aws/config"), e.getMessage());
        }
    }

    @Test
    void aMissingProfileIsReportedAsAMissingProfileNotAMissingRegion() {
        try (AwsClients aws = new AwsClients(AwsSettings.of(null, "asgchef-test-no-such-profile", null, null))) {
            AsgchefException e = assertThrows(AsgchefException.class, aws::region);
            assertTrue(
                    e.getMessage().startsWith("AWS profile 'asgchef-test-no-such-profile' is not in ~/.aws/config"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("region"), e.getMessage());
        }
    }

    @Test
    void theCaBundleIsTrustedForAnHttpsEndpoint(@TempDir Path directory) throws Exception {
        Path bundle = TestCertificates.LOOPBACK.writeCertificate(directory, "ca-bundle.pem");
        try (RecordingHttpServer server = httpsSqs();
                AwsClients aws = new AwsClients(
                        AwsSettings.of("eu-west-1", null, server.uri().toString(), bundle))) {
            aws.sqs().listQueues();
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void withoutTheCaBundleAnHttpsEndpointWithAnUnknownCaIsRefused() throws Exception {
        try (RecordingHttpServer server = httpsSqs();
                AwsClients aws = new AwsClients(
                        AwsSettings.of("eu-west-1", null, server.uri().toString(), null))) {
            assertThrows(SdkException.class, () -> aws.sqs().listQueues());
            assertEquals(0, server.requests().size());
        }
    }

    @Test
    void aCaBundleWithoutCertificatesIsOneLineNamingIt(@TempDir Path directory) throws Exception {
        Path bundle = Files.writeString(directory.resolve("empty.pem"), "");
        try (AwsClients aws = new AwsClients(AwsSettings.of("eu-west-1", null, "https://127.0.0.1:9", bundle))) {
            AsgchefException e = assertThrows(AsgchefException.class, aws::sqs);
            assertTrue(e.getMessage().contains("holds no certificate"), e.getMessage());
        }
    }

    /** An SQS endpoint over HTTPS whose certificate no Java runtime trusts. */
    private static RecordingHttpServer httpsSqs() throws IOException {
        return RecordingHttpServer.https(
                TestCertificates.LOOPBACK.serverContext(), 200, "application/x-amz-json-1.0", "{\"QueueUrls\":[]}");
    }
}
