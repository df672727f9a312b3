package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing and validation of wire-notifications: everything refused here is refused before any AWS call. */
class WireNotificationsCommandTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/asg-notify";

    @TempDir
    Path home;

    private CliRun run(String... args) {
        // No endpoint is reachable: a request that got as far as AWS would fail with exit 1, not 2.
        return new CliHarness(home).run(args);
    }

    @Test
    void helpShowsTheNamesDerivedFromTheGroup() {
        CliRun run = run("wire-notifications", "--help");
        run.assertExit(0);
        String flat = run.out().replaceAll("\\s+", " ");
        assertTrue(flat.contains("SNS topic to create or reuse (default: GROUP-asg-events)"), flat);
        assertTrue(flat.contains("created or reused (default: GROUP-asg-events)"), flat);
        assertTrue(flat.contains("(default: QUEUE-dlq)"), flat);
        assertTrue(flat.contains("--max-receive-count=N"), flat);
        assertTrue(flat.contains("(default: CONTINUE; AWS's own default, ABANDON, also skips later hooks)"), flat);
        assertTrue(flat.contains("--verify-timeout=SECONDS How long --verify waits (default: 60)"), flat);
    }

    @Test
    void aLifecycleHookWithoutItsRoleIsAUsageError() {
        CliRun run = run("wire-notifications", "web", "--lifecycle-hook");
        run.assertExit(2);
        assertTrue(run.err().contains("Missing required argument(s): --hook-role-arn=ARN"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void hookSettingsWithoutTheHookAreAUsageError() {
        CliRun run = run("wire-notifications", "web", "--heartbeat-timeout", "600");
        run.assertExit(2);
        assertTrue(run.err().contains("--lifecycle-hook"), run.err());
    }

    @Test
    void aVerifyTimeoutWithoutVerifyIsAUsageError() {
        CliRun run = run("wire-notifications", "web", "--verify-timeout", "30");
        run.assertExit(2);
        assertTrue(run.err().contains("--verify"), run.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--queue=q.fifo | is a FIFO queue",
                "--dead-letter-queue=d.fifo | is a FIFO queue",
                "--topic=t.fifo | is a FIFO topic",
                "--topic=arn:aws:sns:us-east-1:12:t | is not an SNS topic ARN",
                "--queue=https://sqs.us-east-1.amazonaws.com/q | is not an SQS queue URL",
                "--kms-key=alias/aws/sqs | is an AWS managed key",
                "--max-receive-count=0 | --max-receive-count 0",
                "--retention-days=14 | so the dead-letter queue (14 days) keeps messages longer",
                "--visibility-timeout=5 | does not fit one cleanup",
                "--events=sometimes | Invalid value for option '--events'",
                "--verify-timeout=0 | --verify-timeout 0 is out of range",
                "--alarm-topic=ops-pager | --alarm-topic 'ops-pager' is not an ARN",
                "--alarm-topic=arn:aws:sqs:us-east-1:123456789012:q | is not an SNS topic ARN",
            })
    void malformedInputIsRefusedWithTheReasonAndExit2(String option, String reason) {
        String[] args = option.startsWith("--verify-timeout")
                ? new String[] {"wire-notifications", "web", "--verify", option}
                : new String[] {"wire-notifications", "web", option};
        CliRun run = run(args);
        run.assertExit(2);
        assertTrue(run.err().contains(reason), run.err());
        assertTrue(run.err().contains("Try 'asgchef wire-notifications --help'"), run.err());
    }

    @Test
    void eventBridgeForAGroupWhoseNameCannotNameARuleIsAUsageError() {
        CliRun run = run("wire-notifications", "web+blue", "--topic", "t", "--queue", "q", "--eventbridge");
        run.assertExit(2);
        assertTrue(run.err().contains("cannot name EventBridge rules after group 'web+blue'"), run.err());
    }

    @Test
    void aHeartbeatOutsideWhatAwsAllowsIsAUsageError() {
        CliRun run = run(
                "wire-notifications", "web", "--lifecycle-hook", "--hook-role-arn", ROLE, "--heartbeat-timeout", "10");
        run.assertExit(2);
        assertTrue(run.err().contains("use 30 to 7200 seconds"), run.err());
    }

    @Test
    void aRoleArnThatIsNoRoleIsAUsageError() {
        CliRun run = run(
                "wire-notifications",
                "web",
                "--lifecycle-hook",
                "--hook-role-arn",
                "arn:aws:iam::123456789012:user/bob");
        run.assertExit(2);
        assertTrue(run.err().contains("is not an IAM role ARN"), run.err());
    }

    @Test
    void aGroupNameThatCannotNameAQueueAsksForTheNames() {
        CliRun run = run("wire-notifications", "web.prod");
        run.assertExit(2);
        assertTrue(run.err().contains("pass --topic NAME"), run.err());
        CliRun named = run("wire-notifications", "web:prod");
        named.assertExit(2);
        assertTrue(named.err().contains("is not an Auto Scaling group name"), named.err());
    }
}
