package dev.asgchef.lambda;

import static dev.asgchef.testing.AwsMessages.instanceId;
import static dev.asgchef.testing.AwsMessages.token;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.aws.AwsClients;
import dev.asgchef.aws.AwsSettings;
import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.FakeAutoScaling;
import dev.asgchef.testing.FakeChefServer;
import dev.asgchef.testing.FakeEc2;
import dev.asgchef.testing.RecordingReporter;
import dev.asgchef.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * docs/iam/lambda.json grants every AWS call the function makes, and nothing it does not make, beyond what Lambda
 * itself does with the function's role (the event source mapping's SQS calls, the logs, the VPC's network interfaces,
 * and KMS decrypting for Parameter Store, Secrets Manager and SQS).
 */
class LambdaPolicyTest {
    @TempDir
    Path directory;

    private final List<String> secretCalls = new ArrayList<>();

    @Test
    void thePublishedPolicyGrantsExactlyTheCallsOfAnInvocation() throws Exception {
        FakeEc2 ec2 = new FakeEc2();
        FakeAutoScaling autoScaling = new FakeAutoScaling();
        String ending = instanceId(1);
        String running = instanceId(2);
        ec2.instance(ending, "running").instance(running, "running");
        autoScaling.lifecycleState(ending, "Terminating:Wait").lifecycleState(running, "InService");
        try (FakeChefServer chef = FakeChefServer.start(Clock.systemUTC())) {
            chef.putNode(ending, ending);
            chef.putClient(ending);
            AwsClients aws = new AwsClients(AwsSettings.of("us-east-1", null, null))
                    .supply(Ec2Client.class, ec2)
                    .supply(AutoScalingClient.class, autoScaling)
                    .supply(SsmClient.class, parameterStore())
                    .supply(SecretsManagerClient.class, secretsManager());
            FunctionSettings settings = FunctionSettings.from(Map.of(
                    "CHEF_SERVER_URL",
                    chef.organizationUrl().toString(),
                    "CHEF_USER",
                    FakeChefServer.USER,
                    "ASGCHEF_CHEF_KEY",
                    "ssm:/asgchef/drain/chef-key",
                    "ASGCHEF_CHEF_CA_BUNDLE",
                    "secretsmanager:asgchef/drain/chef-ca"));
            SqsHandler handler =
                    new SqsHandler(new Function(settings, aws, new RecordingReporter(), Clock.systemUTC()));

            handler.handleRequest(
                    event(AwsMessages.lifecycle(ending, token(1)), AwsMessages.terminate(running)),
                    new TestContext(() -> 60_000));

            Set<String> called = new TreeSet<>(secretCalls);
            ec2.operations().forEach(name -> called.add("ec2:" + action(name)));
            autoScaling.operations().forEach(name -> called.add("autoscaling:" + action(name)));
            assertEquals(grantedForTheFunctionsOwnCalls(), called);
        }
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

    private SecretsManagerClient secretsManager() throws Exception {
        String pem = Files.readString(TestCertificates.LOOPBACK.writeCertificate(directory, "ca.crt"));
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

    private static SQSEvent event(String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId("m-" + i);
            record.setBody(bodies[i]);
            record.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:web-asg-events");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** The IAM action of an SDK method: its paginator form needs the plain action. */
    private static String action(String method) {
        String name = method.replaceFirst("Paginator$", "");
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Set<String> grantedForTheFunctionsOwnCalls() throws Exception {
        JsonNode policy =
                new ObjectMapper().readTree(Path.of("docs/iam/lambda.json").toFile());
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            JsonNode action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        }
        // What Lambda does with the role on the function's behalf, not calls of the function's code.
        actions.removeIf(a -> a.startsWith("sqs:") || a.startsWith("logs:") || a.equals("kms:Decrypt"));
        actions.removeAll(Set.of(
                "ec2:CreateNetworkInterface",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DeleteNetworkInterface",
                "ec2:AssignPrivateIpAddresses",
                "ec2:UnassignPrivateIpAddresses"));
        return actions;
    }
}
