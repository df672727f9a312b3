package dev.asgchef.aws;

import java.util.regex.Pattern;

/**
 * The forms of the AWS identifiers an operator types. Each is checked before it goes into any API call, and a
 * malformed one is refused with the expected form, so the operator never waits for AWS to say the same thing.
 */
public enum AwsId {
    AMI("an AMI id", "ami- and 8 or 17 hex digits, like ami-0abcdef1234567890", "ami-(?:[0-9a-f]{8}|[0-9a-f]{17})"),
    SUBNET(
            "a subnet id",
            "subnet- and 8 or 17 hex digits, like subnet-0123456789abcdef0",
            "subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})"),
    SECURITY_GROUP(
            "a security group id",
            "sg- and 8 or 17 hex digits, like sg-0123456789abcdef0",
            "sg-(?:[0-9a-f]{8}|[0-9a-f]{17})"),
    /** Family, optional generation and attributes, a dot, a size: t3.micro, m7gd.2xlarge, u-6tb1.metal. */
    INSTANCE_TYPE(
            "an EC2 instance type",
            "family.size, like t3.micro or m7g.large",
            "[a-z][a-z0-9-]{0,15}\\.[a-z0-9-]{1,16}"),
    AVAILABILITY_ZONE(
            "an availability zone",
            "a region name and a zone letter, like us-east-1a",
            "[a-z]{2}(?:-[a-z0-9]+)*-\\d+[a-z]"),
    KEY_PAIR("an EC2 key pair name", "1 to 255 printable ASCII characters", "[\\x20-\\x7e]{1,255}"),
    /** A name, or the ARN of an instance profile (with an optional path). */
    INSTANCE_PROFILE(
            "an IAM instance profile",
            "a name of letters, digits and +=,.@_- (up to 128), or an ARN like"
                    + " arn:aws:iam::123456789012:instance-profile/NAME",
            "[\\w+=,.@-]{1,128}|arn:aws(?:-[a-z]+)*:iam::\\d{12}:instance-profile/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,128}"),
    SNS_TOPIC_ARN(
            "an SNS topic ARN",
            "arn:aws:sns:REGION:ACCOUNT:NAME, like arn:aws:sns:us-east-1:123456789012:asg-events",
            "arn:aws(?:-[a-z]+)*:sns:[a-z]{2}(?:-[a-z0-9]+)+-\\d+:\\d{12}:[A-Za-z0-9_-]{1,256}");

    private final String description;
    private final String form;
    private final Pattern pattern;

    AwsId(String description, String form, String regex) {
        this.description = description;
        this.form = form;
        this.pattern = Pattern.compile(regex);
    }

    public boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }

    /**
     * Returns {@code value} when it has this form.
     *
     * @param source what the value came from, for the message: {@code AMI}, {@code --subnet}
     * @throws IllegalArgumentException naming the source, the value and the expected form
     */
    public String check(String source, String value) {
        if (!matches(value)) {
            throw new IllegalArgumentException(
                    source + " '" + value + "' is not " + description + ": expected " + form);
        }
        return value;
    }
}
