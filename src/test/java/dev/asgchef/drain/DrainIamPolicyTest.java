package dev.asgchef.drain;

import static dev.asgchef.testing.AwsMessages.instanceId;
import static dev.asgchef.testing.AwsMessages.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.chef.CleanupResult.Verdict;
import dev.asgchef.testing.AwsMessages;
import dev.asgchef.testing.ElasticMq;
import dev.asgchef.testing.FakeAutoScaling;
import dev.asgchef.testing.FakeClient;
import dev.asgchef.testing.FakeEc2;
import dev.asgchef.testing.FaultySqs;
import dev.asgchef.testing.IamPolicies;
import dev.asgchef.testing.RecordingReporter;
import dev.asgchef.testing.TestQueue;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/iam/drain-queue.json grants every AWS call a run makes: cleanups, retries, poison and lifecycle actions. */
class DrainIamPolicyTest {
    @RegisterExtension
    static final ElasticMq sqs = new ElasticMq();

    @Test
    void thePublishedPolicyGrantsEveryCallOfARunThatCleansRetriesAndSendsPoisonAway() throws Exception {
        TestQueue queue = sqs.newQueue("iam-asg-events", 30, 5);
        queue.send(
                AwsMessages.terminate(instanceId(1)),
                AwsMessages.lifecycle(instanceId(2), token(2)),
                AwsMessages.terminate(instanceId(3)),
                "not json");
        FaultySqs faulty = new FaultySqs(sqs.client());
        FakeEc2 ec2 = new FakeEc2();
        FakeAutoScaling autoScaling = new FakeAutoScaling();
        FakeCleaner cleaner = new FakeCleaner();
        cleaner.answer(instanceId(3), Verdict.FAILED);
        DrainSummary summary = new DrainQueue(
                        faulty,
                        new TerminationCheck(ec2, autoScaling, ElasticMq.REGION),
                        () -> autoScaling,
                        cleaner,
                        new RecordingReporter(),
                        Clock.systemUTC(),
                        new SplittableRandom(1),
                        DrainQueue.KEEP_ALIVE_EVERY)
                .run(new Requests(queue.url()).build(), new StopSignal());
        assertEquals(
                "Drained 4 messages: 2 cleaned, 1 malformed (sent to the dead-letter queue), 1 failed (left for retry)",
                summary.line());

        Set<String> called = new TreeSet<>();
        Map.<String, FakeClient<?>>of("sqs", faulty, "ec2", ec2, "autoscaling", autoScaling)
                .forEach((prefix, client) ->
                        client.operations().forEach(name -> called.add(prefix + ":" + action(name))));
        assertTrue(called.contains("sqs:SendMessage"), called.toString());
        Set<String> missing = new TreeSet<>(called);
        missing.removeAll(granted());
        assertEquals(Set.of(), missing, "called but not granted");
    }

    /** The IAM action of an SDK method: its batch forms need the plain action. */
    private static String action(String method) {
        String name = method.replaceFirst("Batch$", "");
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Set<String> granted() throws Exception {
        Set<String> actions = IamPolicies.actions("drain-queue.json");
        return actions;
    }
}
