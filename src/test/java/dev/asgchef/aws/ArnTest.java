package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArnTest {
    @Test
    void anArnSplitsIntoItsParts() {
        Arn arn = Arn.parse("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/g")
                .orElseThrow();

        assertEquals(
                new Arn(
                        "aws",
                        "autoscaling",
                        "us-east-1",
                        "123456789012",
                        "autoScalingGroup:uuid:autoScalingGroupName/g"),
                arn);
    }

    @Test
    void aSiblingSharesPartitionAndAccount() {
        Arn caller = Arn.parse("arn:aws-cn:iam::123456789012:user/ci").orElseThrow();

        assertEquals(
                "arn:aws-cn:ec2:cn-north-1:123456789012:launch-template/lt-0123456789abcdef0",
                caller.sibling("ec2", "cn-north-1", "launch-template/lt-0123456789abcdef0")
                        .toString());
    }

    @Test
    void somethingElseIsNoArn() {
        assertEquals(Optional.empty(), Arn.parse("not:an:arn"));
        assertEquals(Optional.empty(), Arn.parse(null));
    }

    @Test
    void anArnWithoutRegionOrAccountHasEmptyOnesAndReadsBackAsWritten() {
        Arn bucket = Arn.parse("arn:aws:s3:::asgchef-backups").orElseThrow();

        assertEquals(new Arn("aws", "s3", "", "", "asgchef-backups"), bucket);
        assertEquals("arn:aws:s3:::asgchef-backups", bucket.toString());
    }

    @Test
    void anArnMissingAPartServiceOrResourceIsNoArn() {
        assertEquals(Optional.empty(), Arn.parse("arn::sns:us-east-1:123456789012:asg-events"));
        assertEquals(Optional.empty(), Arn.parse("arn:aws::us-east-1:123456789012:asg-events"));
        assertEquals(Optional.empty(), Arn.parse("arn:aws:sns:us-east-1:123456789012:"));
        assertEquals(Optional.empty(), Arn.parse("arn:aws:sns:us-east-1:123456789012"));
    }
}
