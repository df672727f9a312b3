package dev.asgchef.asg;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.AmiState;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The AMI check the launch step makes before creating anything, so a bad AMI fails first and leaves nothing. */
final class Images {
    private static final AmiState.Fixes FIXES = new AmiState.Fixes(
            "Use another AMI", "check the id, --region, and that the AMI is shared with the account");

    private Images() {}

    /** Returns when {@code ami} exists for this account and region and is available; otherwise says why not. */
    static void requireAvailable(Ec2Client ec2, String ami, String region) {
        AmiState state = AmiState.look(ec2, ami, region, FIXES);
        switch (state.condition()) {
            case AVAILABLE -> {}
            case PENDING ->
                throw new AsgchefException("AMI " + ami + " is pending, not available: wait for it (aws ec2 wait"
                        + " image-available --image-ids " + ami + ")");
            case UNKNOWN -> throw new AsgchefException("Cannot check AMI " + ami + ": " + state.reason());
            default -> throw new AsgchefException("AMI " + ami + " is " + state.reason());
        }
    }
}
