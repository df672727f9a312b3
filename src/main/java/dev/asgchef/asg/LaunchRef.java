package dev.asgchef.asg;

import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;

/**
 * The launch template version or launch configuration this run's group launches from. The group always names a
 * template version by number, never {@code $Latest}, so that a new version changes nothing until the group is pointed
 * at it.
 *
 * @param id the launch template id; null for a launch configuration
 * @param version the template version number as the API writes it; null for a launch configuration
 */
record LaunchRef(LaunchKind kind, String id, String name, String version) {

    static LaunchRef template(String id, String name, long version) {
        return new LaunchRef(LaunchKind.TEMPLATE, id, name, Long.toString(version));
    }

    static LaunchRef configuration(String name) {
        return new LaunchRef(LaunchKind.CONFIGURATION, null, name, null);
    }

    LaunchTemplateSpecification templateSpecification() {
        return LaunchTemplateSpecification.builder()
                .launchTemplateId(id)
                .version(version)
                .build();
    }

    boolean usedBy(AutoScalingGroup group) {
        return kind == LaunchKind.TEMPLATE
                ? sameTemplateVersion(group.launchTemplate())
                : name.equals(group.launchConfigurationName());
    }

    boolean usedBy(Instance instance) {
        return kind == LaunchKind.TEMPLATE
                ? sameTemplateVersion(instance.launchTemplate())
                : name.equals(instance.launchConfigurationName());
    }

    private boolean sameTemplateVersion(LaunchTemplateSpecification spec) {
        return spec != null
                && (id.equals(spec.launchTemplateId()) || name.equals(spec.launchTemplateName()))
                && version.equals(spec.version());
    }

    String describe() {
        return kind == LaunchKind.TEMPLATE
                ? "launch template " + name + " version " + version
                : "launch configuration " + name;
    }

    /** What an existing group launches from, in the same words. */
    static String describe(AutoScalingGroup group) {
        LaunchTemplateSpecification t = group.launchTemplate();
        if (t != null) {
            return "launch template " + (t.launchTemplateName() != null ? t.launchTemplateName() : t.launchTemplateId())
                    + " version " + t.version();
        }
        if (group.launchConfigurationName() != null) {
            return "launch configuration " + group.launchConfigurationName();
        }
        return group.mixedInstancesPolicy() != null ? "a mixed instances policy" : "nothing";
    }
}
