package dev.asgchef.asg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.autoscaling.model.CreateLaunchConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.InstanceMetadataHttpTokensState;
import software.amazon.awssdk.services.autoscaling.model.InstanceMetadataOptions;
import software.amazon.awssdk.services.autoscaling.model.InstanceMonitoring;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateHttpTokensState;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateIamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateIamInstanceProfileSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/**
 * What every instance is launched with. Instances always require IMDSv2 session tokens. Two settings are equal when
 * they launch the same instances, which is how a re-run tells "exists" from "needs a new version".
 *
 * @param securityGroups sorted, without duplicates: their order means nothing to EC2
 * @param userData the user data, base64-encoded as both APIs take it
 */
record LaunchSettings(
        String imageId,
        String instanceType,
        Optional<String> keyName,
        Optional<String> instanceProfile,
        List<String> securityGroups,
        String userData) {

    public LaunchSettings {
        securityGroups = List.copyOf(new TreeSet<>(securityGroups));
    }

    /** The parameters of a new launch template or template version. */
    public RequestLaunchTemplateData templateData() {
        RequestLaunchTemplateData.Builder data = RequestLaunchTemplateData.builder()
                .imageId(imageId)
                .instanceType(instanceType)
                .userData(userData)
                .metadataOptions(LaunchTemplateInstanceMetadataOptionsRequest.builder()
                        .httpTokens(LaunchTemplateHttpTokensState.REQUIRED)
                        .build());
        keyName.ifPresent(data::keyName);
        instanceProfile.ifPresent(p -> data.iamInstanceProfile(
                isArn(p)
                        ? LaunchTemplateIamInstanceProfileSpecificationRequest.builder()
                                .arn(p)
                                .build()
                        : LaunchTemplateIamInstanceProfileSpecificationRequest.builder()
                                .name(p)
                                .build()));
        if (!securityGroups.isEmpty()) {
            data.securityGroupIds(securityGroups);
        }
        return data.build();
    }

    /** The request for a launch configuration of this name; basic monitoring, as a launch template has it. */
    public CreateLaunchConfigurationRequest configurationRequest(String name) {
        CreateLaunchConfigurationRequest.Builder request = CreateLaunchConfigurationRequest.builder()
                .launchConfigurationName(name)
                .imageId(imageId)
                .instanceType(instanceType)
                .userData(userData)
                .instanceMonitoring(InstanceMonitoring.builder().enabled(false).build())
                .metadataOptions(InstanceMetadataOptions.builder()
                        .httpTokens(InstanceMetadataHttpTokensState.REQUIRED)
                        .build());
        keyName.ifPresent(request::keyName);
        instanceProfile.ifPresent(request::iamInstanceProfile);
        if (!securityGroups.isEmpty()) {
            request.securityGroups(securityGroups);
        }
        return request.build();
    }

    /**
     * The parameters a dry run shows for a launch template or configuration with these settings.
     *
     * @param userDataDescription what the user data is, since its base64 says nothing to a person
     */
    public Map<String, Object> planned(LaunchKind kind, String userDataDescription) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ImageId", imageId);
        p.put("InstanceType", instanceType);
        p.put("KeyName", keyName.orElse("none"));
        p.put("IamInstanceProfile", instanceProfile.orElse("none"));
        p.put(
                kind == LaunchKind.TEMPLATE ? "SecurityGroupIds" : "SecurityGroups",
                securityGroups.isEmpty() ? "the VPC's default" : securityGroups);
        if (kind == LaunchKind.CONFIGURATION) {
            p.put("InstanceMonitoring", "basic");
        }
        p.put("MetadataOptions", "HttpTokens=required (IMDSv2)");
        p.put("UserData", userDataDescription);
        return p;
    }

    /**
     * What a template version launches, in these terms; empty when it launches something these settings cannot say
     * (IMDSv1 allowed), so that such a version is never taken for ours.
     */
    public static Optional<LaunchSettings> of(ResponseLaunchTemplateData data) {
        if (data.metadataOptions() == null
                || data.metadataOptions().httpTokens() != LaunchTemplateHttpTokensState.REQUIRED) {
            return Optional.empty();
        }
        LaunchTemplateIamInstanceProfileSpecification profile = data.iamInstanceProfile();
        return Optional.of(new LaunchSettings(
                data.imageId(),
                data.instanceTypeAsString(),
                Optional.ofNullable(data.keyName()),
                profile == null
                        ? Optional.empty()
                        : Optional.ofNullable(profile.arn() != null ? profile.arn() : profile.name()),
                data.securityGroupIds(),
                data.userData() == null ? "" : data.userData()));
    }

    /**
     * Ten hex digits of a SHA-256 over every setting: launch configurations cannot change, so each set of settings
     * gets its own, named {@code GROUP-FINGERPRINT}, and the same settings always find the same one.
     */
    public String fingerprint() {
        String canonical = String.join(
                "\n",
                imageId,
                instanceType,
                keyName.orElse(""),
                instanceProfile.orElse(""),
                String.join(",", securityGroups),
                userData,
                "imdsv2");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static boolean isArn(String profile) {
        return profile.startsWith("arn:");
    }
}
