package dev.asgchef.asg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A create-asg request with the command's defaults, changed one option at a time. */
final class Requests {
    String role = "haproxy";
    String ami = "ami-0abcdef1234567890";
    String environment = "staging";
    String name;
    LaunchKind kind = LaunchKind.TEMPLATE;
    String instanceType = "t3.micro";
    String keyName;
    String instanceProfile = "chef-node";
    List<String> securityGroups = List.of();
    CreateAsgRequest.UserDataFile userData;
    String chefServerUrl = "ssm:/asgchef/chef-server-url";
    String validationKey = "ssm:/asgchef/chef-validation-key";
    String validationClientName;
    int min = 1;
    int max = 3;
    Integer desired;
    List<String> subnets = List.of("subnet-0123456789abcdef0");
    List<String> zones = List.of();
    int defaultCooldown = 300;
    HealthCheckType healthCheckType = HealthCheckType.EC2;
    int grace = 300;
    int upAdjustment = 1;
    int downAdjustment = 1;
    int upCooldown = 300;
    int downCooldown = 300;
    double cpuHigh = 70;
    double cpuLow = 30;
    int period = 300;
    int evaluationPeriods = 2;
    Map<String, String> tags = new LinkedHashMap<>();
    String topicArn;
    boolean instanceRefresh;
    boolean rollback = true;

    static Requests defaults() {
        return new Requests();
    }

    CreateAsgRequest request() {
        return new CreateAsgRequest(
                role,
                ami,
                environment,
                Optional.ofNullable(name),
                new CreateAsgRequest.Launch(
                        kind,
                        instanceType,
                        Optional.ofNullable(keyName),
                        Optional.ofNullable(instanceProfile),
                        securityGroups,
                        Optional.ofNullable(userData),
                        new CreateAsgRequest.Bootstrap(
                                chefServerUrl, validationKey, Optional.ofNullable(validationClientName))),
                new CreateAsgRequest.Capacity(
                        min,
                        max,
                        Optional.ofNullable(desired),
                        subnets,
                        zones,
                        defaultCooldown,
                        healthCheckType,
                        grace),
                new CreateAsgRequest.Scaling(
                        upAdjustment,
                        downAdjustment,
                        upCooldown,
                        downCooldown,
                        cpuHigh,
                        cpuLow,
                        period,
                        evaluationPeriods),
                tags,
                Optional.ofNullable(topicArn),
                instanceRefresh,
                rollback);
    }

    GroupSpec spec() {
        return GroupSpec.derive(request());
    }
}
