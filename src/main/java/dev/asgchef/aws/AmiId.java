package dev.asgchef.aws;

import java.util.Optional;

/** An EC2 image id as a typed value; its form is {@link AwsId#AMI}'s. */
public record AmiId(String value) {
    public AmiId {
        AwsId.AMI.check("AMI id", value);
    }

    public static boolean isValid(String text) {
        return AwsId.AMI.matches(text);
    }

    public static Optional<AmiId> parse(String text) {
        return isValid(text) ? Optional.of(new AmiId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
