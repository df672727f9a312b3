package dev.asgchef.aws;

import java.util.Optional;

/**
 * The parts of an ARN ({@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}), so that the ARN of a resource whose
 * API does not return one can be written from an ARN that shares its partition and account.
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    /** The parts of {@code text}, or empty when it is not an ARN. */
    public static Optional<Arn> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /** Another resource of the same partition and account. */
    public Arn sibling(String newService, String newRegion, String newResource) {
        return new Arn(partition, newService, newRegion, account, newResource);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
