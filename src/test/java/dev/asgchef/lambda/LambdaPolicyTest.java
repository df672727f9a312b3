package dev.asgchef.lambda;

import static dev.asgchef.testing.AwsMessages.instanceId;
import static dev.asgchef.testing.AwsMessages.token;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.FakeChefServer;
import dev.asgchef.testing.IamPolicies;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/iam/lambda.json grants every AWS call the function makes, and nothing it does not make, beyond what Lambda
 * itself does with the function's role (the event source mapping's SQS calls, the logs, the VPC's network interfaces,
 * and KMS decrypting for Parameter Store, Secrets Manager and SQS).
 */
class LambdaPolicyTest {
    @TempDir
    Path directory;

    @Test
    void thePublishedPolicyGrantsExactlyTheCallsOfAnInvocation() throws Exception {
        InProcessFunction in = new InProcessFunction();
        String ending = instanceId(1);
        String running = instanceId(2);
        in.ec2.instance(ending, "running").instance(running, "running");
        in.autoScaling.lifecycleState(ending, "Terminating:Wait").lifecycleState(running, "InService");
        try (FakeChefServer chef = FakeChefServer.start(Clock.systemUTC())) {
            chef.putNode(ending, ending);
            chef.putClient(ending);
            SqsHandler handler = new SqsHandler(in.function(chef, directory));

            handler.handleRequest(
                    event(AwsMessages.lifecycle(ending, token(1)), AwsMessages.terminate(running)),
                    new TestContext(() -> 60_000));

            Set<String> called = new TreeSet<>(in.secretCalls);
            in.ec2.operations().forEach(name -> called.add("ec2:" + action(name)));
            in.autoScaling.operations().forEach(name -> called.add("autoscaling:" + action(name)));
            assertEquals(grantedForTheFunctionsOwnCalls(), called);
        }
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
        Set<String> actions = IamPolicies.actions("lambda.json");
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
