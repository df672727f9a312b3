package dev.asgchef.packer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.aws.AmiId;
import dev.asgchef.aws.AmiState;
import dev.asgchef.testing.FakeEc2;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.ImageState;
import software.amazon.awssdk.services.ec2.model.Tag;

class AmiCheckerTest {
    private static final String ID = "ami-0ccc3333dddd44445";
    private static final RegionalAmi AMI = new RegionalAmi("us-west-2", new AmiId(ID));
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final FakeEc2 ec2 = new FakeEc2();
    private final Map<String, Ec2Client> clients = new LinkedHashMap<>(Map.of("us-west-2", ec2));
    /** A millisecond between looks instead of 15 s: the waiter's pace is the only thing a test changes. */
    private static final BackoffStrategy TINY = BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(1));

    private final AmiChecker checker = new AmiChecker(clients::get, TINY, Clock.systemUTC());

    private static Instant inHalfAnHour() {
        return Instant.now().plus(Duration.ofMinutes(30));
    }

    @Test
    void pendingThenAvailableWaitsUntilAvailable() {
        ec2.image(
                Images.inState(ID, ImageState.PENDING),
                Images.inState(ID, ImageState.PENDING),
                Images.inState(ID, ImageState.PENDING),
                Images.inState(ID, ImageState.AVAILABLE));
        AmiState state = checker.await(AMI, inHalfAnHour());
        assertEquals(AmiState.Condition.AVAILABLE, state.condition());
        assertEquals("web-20250301", state.reason());
        assertEquals(4, ec2.count("describeImages"));
    }

    @Test
    void notYetVisibleThenAvailableIsWaitedFor() {
        ec2.failNext("describeImages", Images.error("InvalidAMIID.NotFound", 400), 1)
                .image(Images.inState(ID, ImageState.AVAILABLE));
        assertEquals(
                AmiState.Condition.AVAILABLE, checker.await(AMI, inHalfAnHour()).condition());
    }

    @Test
    void failedImageEndsTheWaitWithEc2sReason() {
        ec2.image(Images.inState(ID, ImageState.PENDING), Images.failed(ID, "snapshot copy failed"));
        AmiState state = checker.await(AMI, inHalfAnHour());
        assertEquals(AmiState.Condition.FAILED, state.condition());
        assertEquals("failed in us-west-2: snapshot copy failed. Build it again with packer build", state.reason());
    }

    @Test
    void missingImageIsReportedWithTheAccountHint() {
        AmiState state = checker.await(AMI, Instant.now().plusMillis(50));
        assertEquals(AmiState.Condition.MISSING, state.condition());
        assertTrue(state.reason().startsWith("not found in us-west-2 after "), state.reason());
        assertTrue(state.reason().contains("--profile is the account Packer built in"), state.reason());
    }

    @Test
    void imageMissingFromAnEmptyAnswerIsMissing() {
        ec2.unlistedImage(ID);
        assertEquals(
                AmiState.Condition.MISSING,
                checker.await(AMI, Instant.now().plusMillis(50)).condition());
    }

    @Test
    void stillPendingAtTheDeadlineSaysToRaiseTheTimeout() {
        ec2.image(Images.inState(ID, ImageState.PENDING));
        AmiState state = checker.await(AMI, Instant.now().plusMillis(50));
        assertEquals(AmiState.Condition.PENDING, state.condition());
        assertTrue(state.reason().startsWith("still pending in us-west-2 after "), state.reason());
        assertTrue(state.reason().contains("raise --wait-timeout"), state.reason());
    }

    @Test
    void deniedDescribeIsUnknownWithThePermissionFix() {
        ec2.failOn("describeImages", Images.error("UnauthorizedOperation", 403));
        AmiState state = checker.await(AMI, inHalfAnHour());
        assertEquals(AmiState.Condition.UNKNOWN, state.condition());
        assertTrue(state.reason().contains("UnauthorizedOperation"), state.reason());
        assertTrue(state.reason().contains("docs/iam/"), state.reason());
    }

    @Test
    void deadlineAlreadyPassedLooksOnceWithoutWaiting() {
        Clock late = Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC);
        AmiChecker lateChecker = new AmiChecker(clients::get, TINY, late);
        ec2.image(Images.inState(ID, ImageState.AVAILABLE));
        assertEquals(AmiState.Condition.AVAILABLE, lateChecker.await(AMI, NOW).condition());
        assertEquals(1, ec2.count("describeImages"));
    }

    @Test
    void lookAsksOnceAndDoesNotWait() {
        ec2.image(Images.inState(ID, ImageState.PENDING));
        AmiState state = checker.look(AMI);
        assertEquals(AmiState.Condition.PENDING, state.condition());
        assertEquals(1, ec2.count("describeImages"));
    }

    @Test
    void deregisteredAndDisabledImagesAreFailures() {
        ec2.image(Images.inState(ID, ImageState.DEREGISTERED), Images.inState(ID, ImageState.DISABLED));
        assertTrue(checker.look(AMI).reason().startsWith("deregistered in us-west-2"));
        assertTrue(checker.look(AMI).reason().contains("aws ec2 enable-image --image-id " + ID));
    }

    @Test
    void eachAmiIsAskedInItsOwnRegion() {
        FakeEc2 east = new FakeEc2().image(Images.inState("ami-0aaa1111bbbb22223", ImageState.AVAILABLE));
        clients.put("us-east-1", east);
        checker.await(new RegionalAmi("us-east-1", new AmiId("ami-0aaa1111bbbb22223")), inHalfAnHour());
        assertTrue(east.count("describeImages") >= 1);
        assertEquals(0, ec2.count("describeImages"));
    }

    @Test
    void describeAsksForExactlyTheImage() {
        ec2.image(Images.inState(ID, ImageState.AVAILABLE));
        checker.look(AMI);
        assertEquals(
                List.of(ID),
                ec2.request("describeImages", DescribeImagesRequest.class).imageIds());
    }

    @Test
    void tagsAreWrittenToTheImageInItsRegion() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Role", "web");
        tags.put("GitSha", "7c1d0e2");
        checker.tag(AMI, tags);
        CreateTagsRequest request = ec2.request("createTags", CreateTagsRequest.class);
        assertEquals(List.of(ID), request.resources());
        assertEquals(
                List.of(
                        Tag.builder().key("Role").value("web").build(),
                        Tag.builder().key("GitSha").value("7c1d0e2").build()),
                request.tags());
    }

    @Test
    void durationsAreWrittenAsOperatorsWriteThem() {
        assertEquals("30m", AmiChecker.text(Duration.ofMinutes(30)));
        assertEquals("1h30m", AmiChecker.text(Duration.ofMinutes(90)));
        assertEquals("2m5s", AmiChecker.text(Duration.ofSeconds(125)));
        assertEquals("50ms", AmiChecker.text(Duration.ofMillis(50)));
    }
}
