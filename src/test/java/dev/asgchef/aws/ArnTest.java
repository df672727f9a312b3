package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArnTest {
    @Test
    void anArnSplitsIntoItsParts() {
        Arn arn = Arn.parse("arn:aws-cn:sqs:cn-north-1:123456789012:q").orElseThrow();
        assertEquals(new Arn("aws-cn", "sqs", "cn-north-1", "123456789012", "q"), arn);
        assertEquals("arn:aws-cn:sqs:cn-north-1:123456789012:q", arn.toString());
    }

    @Test
    void aGlobalResourceHasNoRegion() {
        Arn role = Arn.parse("arn:aws:iam::123456789012:role/path/r").orElseThrow();
        assertEquals("", role.region());
        assertEquals("role/path/r", role.resource());
    }

    @Test
    void theResourceKeepsItsOwnColons() {
        Arn group = Arn.parse("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:"
                        + "autoScalingGroupName/web")
                .orElseThrow();
        assertEquals("autoScalingGroup:uuid:autoScalingGroupName/web", group.resource());
        assertEquals(
                "arn:aws:sns:us-east-1:123456789012:t",
                group.sibling("sns", "t").toString());
    }

    @Test
    void whatIsNotAnArnIsEmpty() {
        for (String text : new String[] {"arn:aws:sqs:us-east-1:12345:q", "arn:aws:sqs", "q", "arn:x:sqs:r:1:q"}) {
            assertTrue(Arn.parse(text).isEmpty(), text);
        }
        assertTrue(Arn.parse(null).isEmpty());
    }
}
