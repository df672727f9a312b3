package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AwsIdTest {
    @ParameterizedTest
    @CsvSource({
        "AMI, ami-12345678",
        "AMI, ami-0abcdef1234567890",
        "SUBNET, subnet-0123456789abcdef0",
        "SECURITY_GROUP, sg-0123abcd",
        "INSTANCE_TYPE, t3.micro",
        "INSTANCE_TYPE, m7gd.16xlarge",
        "INSTANCE_TYPE, u-6tb1.metal",
        "AVAILABILITY_ZONE, us-east-1a",
        "AVAILABILITY_ZONE, us-west-2-lax-1a",
        "INSTANCE_PROFILE, chef-node",
        "INSTANCE_PROFILE, arn:aws:iam::123456789012:instance-profile/team/chef-node",
        "SNS_TOPIC_ARN, arn:aws:sns:us-east-1:123456789012:asg-events",
        "SNS_TOPIC_ARN, arn:aws-us-gov:sns:us-gov-west-1:123456789012:asg-events",
        "KEY_PAIR, ops key 2024",
    })
    void wellFormedIdsPass(AwsId form, String value) {
        assertEquals(value, form.check("x", value));
    }

    @ParameterizedTest
    @CsvSource({
        "AMI, ami-1234567",
        "AMI, AMI-12345678",
        "AMI, ami-0abcdef123456789",
        "SUBNET, subnet-0123456789abcdefg",
        "SECURITY_GROUP, default",
        "INSTANCE_TYPE, t3",
        "INSTANCE_TYPE, t3.micro;reboot",
        "AVAILABILITY_ZONE, us-east-1",
        "INSTANCE_PROFILE, arn:aws:iam::123456789012:role/chef-node",
        "SNS_TOPIC_ARN, arn:aws:sqs:us-east-1:123456789012:asg-events",
    })
    void malformedIdsFail(AwsId form, String value) {
        assertFalse(form.matches(value));
        assertThrows(IllegalArgumentException.class, () -> form.check("x", value));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "AMI|ami-1|AMI 'ami-1' is not an AMI id: expected ami- and 8 or 17 hex digits, like"
                        + " ami-0abcdef1234567890"
            })
    void theMessageNamesTheSourceTheValueAndTheExpectedForm(AwsId form, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> form.check("AMI", value));
        assertEquals(message, e.getMessage());
        assertTrue(form.matches("ami-12345678"));
    }
}
