package dev.asgchef.packer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.asgchef.aws.AmiId;
import dev.asgchef.aws.AmiState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
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

    private final Ec2Client ec2 = mock(Ec2Client.class);
    private final Map<String, Ec2Client> clients = new LinkedHashMap<>(Map.of("us-west-2", ec2));
    /** A millisecond between looks instead of 15 s: the waiter's pace is the only thing a test changes. */
    private static final BackoffStrategy TINY = BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(1));

    private final AmiChecker checker = new AmiChecker(clients::get, TINY, Clock.systemUTC());

    private static Instant inHalfAnHour() {
        return Instant.now().plus(Duration.ofMinutes(30));
    }

    @Test
    void pendingThenAvailableWaitsUntilAvailable() {
        when(ec2.describeImages(any(DescribeImagesRequest.class)))
                .thenReturn(
                        Images.inState(ID, ImageState.PENDING),
                        Images.inState(ID, ImageState.PENDING),
                        Images.inState(ID, ImageState.PENDING),
                        Images.inState(ID, ImageState.AVAILABLE));
        AmiState state = checker.await(AMI, inHalfAnHour());
        assertEquals(AmiState.Condition.AVAILABLE, state.condition());
        assertEquals("web-20250301", state.reason());
        verify(ec2, times(4)).describeImages(any(DescribeImagesRequest.class));
    }

    @Test
    void notYetVisibleThenAvailableIsWaitedFor() {
        when(ec2.describeImages(any(DescribeImagesRequest.class)))
                .thenThrow(Images.error("InvalidAMIID.NotFound", 400))
                .thenReturn(Images.inState(ID, ImageState.AVAILABLE));
        assertEquals(
                AmiState.Condition.AVAILABLE, checker.await(AMI, inHalfAnHour()).condition());
    }

    @Test
    void failedImageEndsTheWaitWithEc2sReason() {
        when(ec2.describeImages(any(DescribeImagesRequest.class)))
                .thenReturn(Images.inState(ID, ImageState.PENDING), Images.failed(ID, "snapshot copy failed"));
        AmiState state = checker.await(AMI, inHalfAnHour());
        assertEquals(AmiState.Condition.FAILED, state.condition());
        assertEquals("failed in us-west-2: snapshot copy failed. Build it again with packer build", state.reason());
    }

    @Test
    void missingImageIsReportedWithTheAccountHint() {
        when(ec2.describeImages(any(DescribeImagesRequest.class)))
                .thenThrow(Images.error("InvalidAMIID.NotFound", 400));
        AmiState state = checker.await(AMI, Instant.now().plusMillis(50));
        assertEquals(AmiState.Condition.MISSING, state.condition());
        assertTrue(state.reason().startsWith("not found in us-west-2 after "), state.reason());
        assertTrue(state.reason().contains("--profile is the account Packer built in"), state.reason());
    }

    @Test
    void imageMissingFromAnEmptyAnswerIsMissing() {
        when(ec2.describeImages(any(DescribeImagesRequest.class))).thenReturn(Images.none());
        assertEquals(
                AmiState.Condition.MISSING,
                checker.await(AMI, Instant.now().plusMillis(50)).condition());
    }

    @Test
    void stillPendingAtTheDeadlineSaysToRaiseTheTimeout() {
        when(ec2.describeImages(any(DescribeImagesRequest.class))).thenReturn(Images.inState(ID, ImageState.PENDING));
        AmiState state = checker.await(AMI, Instant.now().plusMillis(50));
        assertEquals(AmiState.Condition.PENDING, state.condition());
        assertTrue(state.reason().startsWith("still pending in us-west-2 after "), state.reason());
        assertTrue(state.reason().contains("raise --wait-timeout"), state.reason());
    }

    @Test
    void deniedDescribeIsUnknownWithThePermissionFix() {
        when(ec2.describeImages(any(DescribeImagesRequest.class)))
                .thenThrow(Images.error("UnauthorizedOperation", 403));
        AmiState state = checker.await(AMI, inHalfAnHour());
        assertEquals(AmiState.Condition.UNKNOWN, state.condition());
        assertTrue(state.reason().contains("UnauthorizedOperation"), state.reason());
        assertTrue(state.reason().contains("docs/iam/"), state.reason());
    }

    @Test
    void deadlineAlreadyPassedLooksOnceWithoutWaiting() {
        Clock late = Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC);
        AmiChecker lateChecker = new AmiChecker(clients::get, TINY, late);
        when(ec2.describeImages(any(DescribeImagesRequest.class))).thenReturn(Images.inState(ID, ImageState.AVAILABLE));
        assertEquals(AmiState.Condition.AVAILABLE, lateChecker.await(AMI, NOW).condition());
        verify(ec2, times(1)).describeImages(any(DescribeImagesRequest.class));
    }

    @Test
    void lookAsksOnceAndDoesNotWait() {
        when(ec2.describeImages(any(DescribeImagesRequest.class))).thenReturn(Images.inState(ID, ImageState.PENDING));
        AmiState state = checker.look(AMI);
        assertEquals(AmiState.Condition.PENDING, state.condition());
        verify(ec2, times(1)).describeImages(any(DescribeImagesRequest.class));
    }

    @Test
    void deregisteredAndDisabledImagesAreFailures() {
        when(ec2.describeImages(any(DescribeImagesRequest.class)))
                .thenReturn(Images.inState(ID, ImageState.DEREGISTERED), Images.inState(ID, ImageState.DISABLED));
        assertTrue(checker.look(AMI).reason().startsWith("deregistered in us-west-2"));
        assertTrue(checker.look(AMI).reason().contains("aws ec2 enable-image --image-id " + ID));
    }

    @Test
    void eachAmiIsAskedInItsOwnRegion() {
        Ec2Client east = mock(Ec2Client.class);
        clients.put("us-east-1", east);
        when(east.describeImages(any(DescribeImagesRequest.class)))
                .thenReturn(Images.inState("ami-0aaa1111bbbb22223", ImageState.AVAILABLE));
        checker.await(new RegionalAmi("us-east-1", new AmiId("ami-0aaa1111bbbb22223")), inHalfAnHour());
        verify(east, atLeast(1)).describeImages(any(DescribeImagesRequest.class));
        verify(ec2, never()).describeImages(any(DescribeImagesRequest.class));
    }

    @Test
    void describeAsksForExactlyTheImage() {
        when(ec2.describeImages(any(DescribeImagesRequest.class))).thenReturn(Images.inState(ID, ImageState.AVAILABLE));
        checker.look(AMI);
        ArgumentCaptor<DescribeImagesRequest> request = ArgumentCaptor.forClass(DescribeImagesRequest.class);
        verify(ec2).describeImages(request.capture());
        assertEquals(List.of(ID), request.getValue().imageIds());
    }

    @Test
    void tagsAreWrittenToTheImageInItsRegion() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Role", "web");
        tags.put("GitSha", "7c1d0e2");
        checker.tag(AMI, tags);
        ArgumentCaptor<CreateTagsRequest> request = ArgumentCaptor.forClass(CreateTagsRequest.class);
        verify(ec2).createTags(request.capture());
        assertEquals(List.of(ID), request.getValue().resources());
        assertEquals(
                List.of(
                        Tag.builder().key("Role").value("web").build(),
                        Tag.builder().key("GitSha").value("7c1d0e2").build()),
                request.getValue().tags());
    }

    @Test
    void durationsAreWrittenAsOperatorsWriteThem() {
        assertEquals("30m", AmiChecker.text(Duration.ofMinutes(30)));
        assertEquals("1h30m", AmiChecker.text(Duration.ofMinutes(90)));
        assertEquals("2m5s", AmiChecker.text(Duration.ofSeconds(125)));
        assertEquals("50ms", AmiChecker.text(Duration.ofMillis(50)));
    }
}
