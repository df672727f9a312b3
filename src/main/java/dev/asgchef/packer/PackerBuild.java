package dev.asgchef.packer;

import dev.asgchef.AsgchefException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a Packer manifest's {@code builds}: what one build of one run produced.
 *
 * @param name the source's name ({@code web} for {@code source "amazon-ebs" "web"})
 * @param builderType {@code amazon-ebs}, {@code amazon-chroot}, ...
 * @param artifactId for the amazon builders, {@code region:ami-id} pairs joined by commas, one per region
 * @param runUuid the run that wrote the entry ({@code packer_run_uuid}); empty when Packer recorded none
 * @param customData the manifest post-processor's {@code custom_data}
 */
record PackerBuild(
        String name, String builderType, String artifactId, Optional<String> runUuid, Map<String, String> customData) {

    public PackerBuild {
        name = name == null ? "" : name;
        builderType = builderType == null ? "" : builderType;
        artifactId = artifactId == null ? "" : artifactId.trim();
        customData = Map.copyOf(customData);
    }

    /** How {@code packer build -only} names it: {@code amazon-ebs.web}. */
    public String qualifiedName() {
        return builderType + "." + name;
    }

    /** Whether the operator's {@code --build NAME} means this build: its name or its qualified name. */
    public boolean answersTo(String requested) {
        return name.equals(requested) || qualifiedName().equals(requested);
    }

    /** A {@code custom_data} value; empty when missing or blank. */
    public Optional<String> custom(String key) {
        String value = customData.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * The AMIs the build produced, in the manifest's order.
     *
     * @throws AsgchefException when the artifact is not a list of AMIs (no image was made, or another builder)
     */
    public List<RegionalAmi> amis() {
        if (artifactId.isEmpty()) {
            throw new AsgchefException("Build '" + name + "' (" + builderType + ") produced no AMI: its artifact_id is"
                    + " empty. Check that packer build succeeded and that skip_create_ami is not set");
        }
        List<RegionalAmi> amis = new ArrayList<>();
        for (String pair : artifactId.split(",")) {
            amis.add(RegionalAmi.parse(pair)
                    .orElseThrow(() -> new AsgchefException("Build '" + name + "' (" + builderType
                            + ") produced no AMI: its artifact_id '" + abbreviated(artifactId)
                            + "' is not a list of region:ami-id pairs. Pick the AMI build with --build NAME")));
        }
        return List.copyOf(amis);
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
