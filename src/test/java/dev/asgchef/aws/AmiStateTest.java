package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.testing.FakeEc2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;
import software.amazon.awssdk.services.ec2.model.StateReason;

class AmiStateTest {
    private static final String AMI = "ami-0abcdef1234567890";
    private static final AmiState.Fixes FIXES = new AmiState.Fixes("Use another AMI", "check the account");

    private final FakeEc2 ec2 = new FakeEc2();

    private static Image image(ImageState state) {
        return Image.builder().imageId(AMI).name("web-20250301").state(state).build();
    }

    private static Ec2Exception error(String code) {
        return (Ec2Exception) Ec2Exception.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(code + " said EC2")
                        .build())
                .build();
    }

    @Test
    void anAvailableImageGivesItsName() {
        AmiState state = AmiState.of(image(ImageState.AVAILABLE), "us-east-1", FIXES);
        assertTrue(state.available());
        assertEquals("web-20250301", state.reason());
    }

    @ParameterizedTest
    @EnumSource(
            value = ImageState.class,
            names = {"PENDING", "TRANSIENT"})
    void anImageOnItsWayIsPending(ImageState ec2State) {
        assertEquals(
                new AmiState(AmiState.Condition.PENDING, "pending in us-east-1"),
                AmiState.of(image(ec2State), "us-east-1", FIXES));
    }

    @Test
    void aFailedImageGivesEc2sReasonAndTheCallersFix() {
        Image failed = image(ImageState.FAILED).toBuilder()
                .stateReason(
                        StateReason.builder().message("snapshot copy failed").build())
                .build();
        assertEquals(
                new AmiState(AmiState.Condition.FAILED, "failed in eu-west-1: snapshot copy failed. Use another AMI"),
                AmiState.of(failed, "eu-west-1", FIXES));
    }

    @Test
    void aDeregisteredImageFailsWithTheCallersFixAndADisabledOneSaysHowToEnableIt() {
        assertEquals(
                "deregistered in us-east-1. Use another AMI",
                AmiState.of(image(ImageState.DEREGISTERED), "us-east-1", FIXES).reason());
        AmiState disabled = AmiState.of(image(ImageState.DISABLED), "us-east-1", FIXES);
        assertEquals(AmiState.Condition.FAILED, disabled.condition());
        assertEquals("disabled in us-east-1: enable it with aws ec2 enable-image --image-id " + AMI, disabled.reason());
    }

    @Test
    void anIdEc2DoesNotKnowIsMissingWhetherItSaysSoOrAnswersNothing() {
        ec2.failOn("describeImages", error("InvalidAMIID.NotFound"));
        assertEquals(
                new AmiState(AmiState.Condition.MISSING, "not found in us-east-1: check the account"),
                AmiState.look(ec2, AMI, "us-east-1", FIXES));

        FakeEc2 empty = new FakeEc2().unlistedImage(AMI);
        assertEquals(
                AmiState.Condition.MISSING,
                AmiState.look(empty, AMI, "us-east-1", FIXES).condition());
    }

    @Test
    void aQuestionEc2RefusesIsUnknownWithTheAwsReason() {
        ec2.failOn("describeImages", error("UnauthorizedOperation"));
        AmiState state = AmiState.look(ec2, AMI, "us-east-1", FIXES);
        assertEquals(AmiState.Condition.UNKNOWN, state.condition());
        assertTrue(state.reason().contains("UnauthorizedOperation"), state.reason());
    }
}
