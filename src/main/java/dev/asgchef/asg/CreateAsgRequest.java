package dev.asgchef.asg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator asked create-asg for, as typed: the three arguments and every option. {@link GroupSpec#derive}
 * checks it and turns it into the names and parameters of every resource.
 */
public record CreateAsgRequest(
        String role,
        String ami,
        String environment,
        Optional<String> name,
        Launch launch,
        Capacity capacity,
        Scaling scaling,
        Map<String, String> tags,
        Optional<String> topicArn,
        boolean instanceRefresh,
        boolean rollback) {

    public CreateAsgRequest {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** What each instance is launched from. */
    public record Launch(
            LaunchKind kind,
            String instanceType,
            Optional<String> keyName,
            Optional<String> instanceProfile,
            List<String> securityGroups,
            Optional<UserDataFile> userData,
            Bootstrap bootstrap) {
        public Launch {
            securityGroups = List.copyOf(securityGroups);
        }
    }

    /** The operator's own user data, replacing the Chef bootstrap. */
    public record UserDataFile(String source, byte[] content) {}

    /**
     * Where the default user data finds the Chef server at boot: {@code ssm:NAME}, {@code s3://BUCKET/KEY} or, for the
     * URL only, the URL itself; and the validator's client name (empty: derived from the URL at boot).
     */
    public record Bootstrap(String chefServerUrl, String validationKey, Optional<String> validationClientName) {}

    /** How big the group is and where it runs. */
    public record Capacity(
            int min,
            int max,
            Optional<Integer> desired,
            List<String> subnets,
            List<String> availabilityZones,
            int defaultCooldown,
            HealthCheckType healthCheckType,
            int healthCheckGracePeriod) {
        public Capacity {
            subnets = List.copyOf(subnets);
            availabilityZones = List.copyOf(availabilityZones);
        }
    }

    /** The scaling policies and the CPU alarms that drive them. */
    public record Scaling(
            int upAdjustment,
            int downAdjustment,
            int upCooldown,
            int downCooldown,
            double cpuHigh,
            double cpuLow,
            int alarmPeriod,
            int evaluationPeriods) {}
}
