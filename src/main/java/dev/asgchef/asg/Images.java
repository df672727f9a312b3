package dev.asgchef.asg;

import dev.asgchef.AsgchefException;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;

/** The AMI check the launch step makes before creating anything, so a bad AMI fails first and leaves nothing. */
final class Images {
    private Images() {}

    /** Returns when {@code ami} exists for this account and region and is available; otherwise says why not. */
    static void requireAvailable(Ec2Client ec2, String ami) {
        List<Image> images = ec2.describeImages(r -> r.imageIds(ami)).images();
        if (images.isEmpty()) {
            throw new AsgchefException("AMI " + ami + " is not visible to this account in this region: check the id,"
                    + " --region, and that the AMI is shared with the account");
        }
        Image image = images.get(0);
        if (image.state() != ImageState.AVAILABLE) {
            throw new AsgchefException("AMI " + ami + " is " + image.stateAsString() + ", not available: "
                    + (image.state() == ImageState.PENDING
                            ? "wait for it (aws ec2 wait image-available --image-ids " + ami + ")"
                            : "use another AMI"));
        }
    }
}
