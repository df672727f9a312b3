package dev.asgchef.lambda;

import dev.asgchef.aws.AwsClients;
import dev.asgchef.aws.AwsSettings;
import dev.asgchef.testing.FakeAutoScaling;
import dev.asgchef.testing.FakeChefServer;
import dev.asgchef.testing.FakeEc2;
import dev.asgchef.testing.RecordingReporter;
import dev.asgchef.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * The function's per-container state built in-process, through the constructor Lambda's path uses: EC2 and Auto
 * Scaling to the in-process fakes, the key in Parameter Store and a CA bundle in Secrets Manager (stand-ins that record
 * each read), Chef at an in-process server.
 */
final class InProcessFunction {
    final FakeEc2 ec2 = new FakeEc2();
    final FakeAutoScaling autoScaling = new FakeAutoScaling();
    final RecordingReporter reporter = new RecordingReporter();
    /** {@code ssm:GetParameter}, {@code secretsmanager:GetSecretValue}: one per read. */
    final List<String> secretCalls = new ArrayList<>();

    Function function(FakeChefServer chef, Path directory) throws IOException {
        String ca = Files.readString(TestCertificates.LOOPBACK.writeCertificate(directory, "ca.crt"));
        AwsClients aws = new AwsClients(AwsSettings.of("us-east-1", null, null, null))
                .supply(Ec2Client.class, ec2)
                .supply(AutoScalingClient.class, autoScaling)
                .supply(SsmClient.class, parameterStore())
                .supply(SecretsManagerClient.class, secretsManager(ca));
        FunctionSettings settings = FunctionSettings.from(Map.of(
                "CHEF_SERVER_URL", chef.organizationUrl().toString(),
                "CHEF_USER", FakeChefServer.USER,
                "ASGCHEF_CHEF_KEY", "ssm:/asgchef/drain/chef-key",
                "ASGCHEF_CHEF_CA_BUNDLE", "secretsmanager:asgchef/drain/chef-ca",
                "ASGCHEF_CHEF_RETRIES", "0"));
        return new Function(settings, aws, reporter, Clock.systemUTC());
    }

    private SsmClient parameterStore() {
        return new SsmClient() {
            @Override
            public GetParameterResponse getParameter(GetParameterRequest request) {
                secretCalls.add("ssm:GetParameter");
                return GetParameterResponse.builder()
                        .parameter(Parameter.builder()
                                .name(request.name())
                                .value(FakeChefServer.privateKeyPem(FakeChefServer.USER))
                                .build())
                        .build();
            }

            @Override
            public String serviceName() {
                return "ssm";
            }

            @Override
            public void close() {}
        };
    }

    private SecretsManagerClient secretsManager(String pem) {
        return new SecretsManagerClient() {
            @Override
            public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
                secretCalls.add("secretsmanager:GetSecretValue");
                return GetSecretValueResponse.builder().secretString(pem).build();
            }

            @Override
            public String serviceName() {
                return "secretsmanager";
            }

            @Override
            public void close() {}
        };
    }
}
