package dev.asgchef.aws;

import java.util.Locale;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * What EC2 says about one AMI: the one reading of an image's state, for create-asg (which launches from it) and
 * packer-postprocess (which waits for it and hands it on). What to do about an AMI that is missing or cannot become
 * available differs between them, so each says it in its {@link Fixes}.
 *
 * @param condition the verdict
 * @param reason for anything but {@link Condition#AVAILABLE}, the one-line cause (and fix); for AVAILABLE, the image's
 *     name
 */
public record AmiState(Condition condition, String reason) {
    /** Where an AMI stands. */
    public enum Condition {
        AVAILABLE,
        /** Still being made or copied. */
        PENDING,
        /** EC2 gave up on it ({@code failed}, {@code error}, {@code invalid}), or it was deregistered or disabled. */
        FAILED,
        /** EC2 does not know the id in that region and account. */
        MISSING,
        /** The question could not be asked: credentials, permissions, network. */
        UNKNOWN;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What the caller tells the operator to do.
     *
     * @param unusable for an image that will never be available (failed, deregistered), e.g. {@code Use another AMI}
     * @param missing for an id EC2 does not know, e.g. which account and region to check
     */
    public record Fixes(String unusable, String missing) {}

    public AmiState {
        Objects.requireNonNull(condition, "condition");
        reason = reason == null ? "" : reason;
    }

    public boolean available() {
        return condition == Condition.AVAILABLE;
    }

    /** One DescribeImages for {@code imageId} in {@code region}, no waiting. */
    public static AmiState look(Ec2Client ec2, String imageId, String region, Fixes fixes) {
        try {
            // The request object, not a builder lambda: one form for every caller of DescribeImages.
            return ec2
                    .describeImages(
                            DescribeImagesRequest.builder().imageIds(imageId).build())
                    .images()
                    .stream()
                    .filter(i -> imageId.equals(i.imageId()))
                    .findFirst()
                    .map(i -> of(i, region, fixes))
                    .orElseGet(() -> missing(region, fixes));
        } catch (SdkException e) {
            if (AwsFailure.errorCode(e).equals("InvalidAMIID.NotFound")) {
                return missing(region, fixes);
            }
            return new AmiState(Condition.UNKNOWN, AwsFailure.describe(e));
        }
    }

    /** What an image EC2 described says about it. */
    public static AmiState of(Image image, String region, Fixes fixes) {
        String name = image.name() == null ? "" : image.name();
        String why = image.stateReason() == null || image.stateReason().message() == null
                ? ""
                : ": " + image.stateReason().message();
        return switch (image.state()) {
            case AVAILABLE -> new AmiState(Condition.AVAILABLE, name);
            case PENDING, TRANSIENT -> new AmiState(Condition.PENDING, "pending in " + region);
            case DISABLED ->
                new AmiState(
                        Condition.FAILED,
                        "disabled in " + region + ": enable it with aws ec2 enable-image --image-id "
                                + image.imageId());
            case DEREGISTERED -> new AmiState(Condition.FAILED, "deregistered in " + region + ". " + fixes.unusable());
            default ->
                new AmiState(Condition.FAILED, image.stateAsString() + " in " + region + why + ". " + fixes.unusable());
        };
    }

    /** An id EC2 does not know in {@code region}. */
    public static AmiState missing(String region, Fixes fixes) {
        return new AmiState(Condition.MISSING, "not found in " + region + ": " + fixes.missing());
    }
}
