package dev.asgchef.packer;

import dev.asgchef.aws.AmiId;
import dev.asgchef.aws.AwsSettings;
import java.util.Objects;
import java.util.Optional;

/** One AMI of a build: Packer's amazon builders make one per region ({@code region} and each of {@code ami_regions}). */
record RegionalAmi(String region, AmiId imageId) {
    public RegionalAmi {
        Objects.requireNonNull(imageId, "imageId");
        if (!AwsSettings.isRegionName(region)) {
            throw new IllegalArgumentException("not an AWS region: '" + region + "'");
        }
    }

    /** One {@code region:ami-id} pair of an {@code artifact_id}; empty when it is anything else. */
    static Optional<RegionalAmi> parse(String pair) {
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String region = pair.substring(0, colon).trim();
        String image = pair.substring(colon + 1).trim();
        if (!AwsSettings.isRegionName(region) || !AmiId.isValid(image)) {
            return Optional.empty();
        }
        return Optional.of(new RegionalAmi(region, new AmiId(image)));
    }

    @Override
    public String toString() {
        return region + ":" + imageId;
    }
}
