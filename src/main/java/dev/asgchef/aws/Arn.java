package dev.asgchef.aws;

import java.util.Optional;

/**
 * The parts of an ARN ({@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}), so that the ARN of a resource whose
 * API does not return one can be written from an ARN that shares its partition and account. Region and account are
 * empty strings where the ARN has none (IAM, S3).
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    /** The parts of {@code text}, or empty when it is not an ARN. Read by the SDK's parser. */
    public static Optional<Arn> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return software.amazon.awssdk.arns.Arn.tryFromString(text)
                    .map(arn -> new Arn(
                            arn.partition(),
                            arn.service(),
                            arn.region().orElse(""),
                            arn.accountId().orElse(""),
                            arn.resourceAsString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // tryFromString still throws on a blank partition or service
        }
    }

    /** Another resource of the same partition and account. */
    public Arn sibling(String newService, String newRegion, String newResource) {
        return new Arn(partition, newService, newRegion, account, newResource);
    }

    /** The ARN as AWS writes it. */
    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
