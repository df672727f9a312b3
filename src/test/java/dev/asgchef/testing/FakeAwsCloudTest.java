package dev.asgchef.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.sts.StsClient;

/** The real SDK clients against FakeAwsCloud: what goes in through one protocol comes back out of it. */
class FakeAwsCloudTest {
    private final FakeAwsCloud cloud = start();
    private final Ec2Client ec2 = Ec2Client.builder()
            .endpointOverride(cloud.endpoint())
            .region(Region.US_WEST_2)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();

    private static FakeAwsCloud start() {
        try {
            return new FakeAwsCloud();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        ec2.close();
        cloud.close();
    }

    @Test
    void anInstanceEc2WasNeverToldOfIsGone() {
        cloud.ec2("us-west-2").instance("i-0123456789abcdef0", "running");

        var reservations = ec2.describeInstances(
                        r -> r.filters(f -> f.name("instance-id").values("i-0123456789abcdef0", "i-0fedcba9876543210")))
                .reservations();

        assertEquals(1, reservations.size());
        assertEquals(
                List.of("i-0123456789abcdef0"),
                reservations.get(0).instances().stream()
                        .map(i -> i.instanceId())
                        .toList());
    }

    @Test
    void anErrorOfTheFakeReachesTheClientAsTheServicesError() {
        Ec2Exception e =
                assertThrows(Ec2Exception.class, () -> ec2.describeImages(r -> r.imageIds("ami-0123456789abcdef0")));

        assertEquals("InvalidAMIID.NotFound", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
    }

    @Test
    void anAlarmPutOverCborIsDescribedBackOverCbor() {
        try (CloudWatchClient cw = CloudWatchClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            cw.putMetricAlarm(r -> r.alarmName("high")
                    .namespace("AWS/EC2")
                    .metricName("CPUUtilization")
                    .dimensions(d -> d.name("AutoScalingGroupName").value("web"))
                    .threshold(70.5)
                    .period(300)
                    .evaluationPeriods(2)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));

            MetricAlarm alarm =
                    cw.describeAlarms(r -> r.alarmNames("high")).metricAlarms().get(0);

            assertEquals(cloud.alarm("high").orElseThrow(), alarm);
            assertEquals(70.5, alarm.threshold());
            assertEquals("web", alarm.dimensions().get(0).value());
        }
    }

    @Test
    void stsNamesTheAccountOnTheWire() {
        try (StsClient sts = StsClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            assertEquals(FakeAwsCloud.ACCOUNT, sts.getCallerIdentity().account());
            assertEquals(List.of("getCallerIdentity"), cloud.sts().operations());
        }
    }
}
