package dev.asgchef.packer;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;
import software.amazon.awssdk.services.ec2.model.StateReason;

/** EC2 answers about images, as the SDK returns them. */
final class Images {
    private Images() {}

    static DescribeImagesResponse inState(String imageId, ImageState state) {
        return DescribeImagesResponse.builder()
                .images(Image.builder()
                        .imageId(imageId)
                        .name("web-20250301")
                        .state(state)
                        .build())
                .build();
    }

    static DescribeImagesResponse failed(String imageId, String reason) {
        return DescribeImagesResponse.builder()
                .images(Image.builder()
                        .imageId(imageId)
                        .state(ImageState.FAILED)
                        .stateReason(StateReason.builder()
                                .code("Client.InternalError")
                                .message(reason)
                                .build())
                        .build())
                .build();
    }

    static DescribeImagesResponse none() {
        return DescribeImagesResponse.builder().build();
    }

    static AwsServiceException error(String code, int status) {
        return Ec2Exception.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(code + " said EC2")
                        .build())
                .build();
    }
}
