package dev.asgchef.packer;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;
import software.amazon.awssdk.services.ec2.model.StateReason;

/** Images and EC2 errors as the SDK returns them, for a FakeEc2 to answer with. */
final class Images {
    private Images() {}

    static Image inState(String imageId, ImageState state) {
        return Image.builder()
                .imageId(imageId)
                .name("web-20250301")
                .state(state)
                .build();
    }

    static Image failed(String imageId, String reason) {
        return Image.builder()
                .imageId(imageId)
                .state(ImageState.FAILED)
                .stateReason(StateReason.builder()
                        .code("Client.InternalError")
                        .message(reason)
                        .build())
                .build();
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
