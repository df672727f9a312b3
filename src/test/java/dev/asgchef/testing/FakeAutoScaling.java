package dev.asgchef.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingServiceClientConfiguration;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.CompleteLifecycleActionRequest;
import software.amazon.awssdk.services.autoscaling.model.CompleteLifecycleActionResponse;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.CreateLaunchConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateLaunchConfigurationResponse;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteLaunchConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteLaunchConfigurationResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteNotificationConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteNotificationConfigurationResponse;
import software.amazon.awssdk.services.autoscaling.model.DeletePolicyRequest;
import software.amazon.awssdk.services.autoscaling.model.DeletePolicyResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteTagsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeLaunchConfigurationsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLaunchConfigurationsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeLifecycleHooksRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLifecycleHooksResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeNotificationConfigurationsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeNotificationConfigurationsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribePoliciesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribePoliciesResponse;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;
import software.amazon.awssdk.services.autoscaling.model.NotificationConfiguration;
import software.amazon.awssdk.services.autoscaling.model.PutLifecycleHookRequest;
import software.amazon.awssdk.services.autoscaling.model.PutLifecycleHookResponse;
import software.amazon.awssdk.services.autoscaling.model.PutNotificationConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.PutNotificationConfigurationResponse;
import software.amazon.awssdk.services.autoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.autoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.autoscaling.model.RecordLifecycleActionHeartbeatRequest;
import software.amazon.awssdk.services.autoscaling.model.RecordLifecycleActionHeartbeatResponse;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.autoscaling.model.StartInstanceRefreshRequest;
import software.amazon.awssdk.services.autoscaling.model.StartInstanceRefreshResponse;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupResponse;

/**
 * An in-process EC2 Auto Scaling of one region and account: groups (with tags and instances), launch configurations,
 * scaling policies, notification configurations, lifecycle hooks, and the lifecycle states of instances with the
 * completions and heartbeats drain-queue sends. It checks what Auto Scaling checks where the code depends on it (a
 * name taken, an unknown group, a launch configuration still in use).
 */
public final class FakeAutoScaling extends FakeClient<FakeAutoScaling> implements AutoScalingClient {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";

    private final String region;
    private final String account;
    private final Map<String, AutoScalingGroup> groups = new LinkedHashMap<>();
    private final Map<String, LaunchConfiguration> configurations = new LinkedHashMap<>();
    private final Map<String, ScalingPolicy> policies = new LinkedHashMap<>();
    private final List<NotificationConfiguration> notifications = new ArrayList<>();
    private final Map<String, LifecycleHook> hooks = new LinkedHashMap<>();
    private final Map<String, String> lifecycleStates = new ConcurrentHashMap<>();
    private Consumer<PutNotificationConfigurationRequest> afterNotificationPut = r -> {};
    private FakeEc2 ec2;
    private int refreshes;

    public FakeAutoScaling() {
        this(REGION, ACCOUNT);
    }

    public FakeAutoScaling(String region, String account) {
        this.region = region;
        this.account = account;
    }

    public static AutoScalingException error(int status, String code, String message) {
        return error(AutoScalingException.builder(), status, code, message);
    }

    /** What Auto Scaling answers once the lifecycle wait has ended. */
    public static AutoScalingException noActiveLifecycleAction(String token) {
        return error(400, "ValidationError", "No active Lifecycle Action found with token " + token);
    }

    /** The ARN Auto Scaling gives group {@code name} here (its id part is the same each time, for tests). */
    public String groupArn(String name) {
        return "arn:aws:autoscaling:" + region + ":" + account + ":autoScalingGroup:"
                + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8))
                + ":autoScalingGroupName/" + name;
    }

    // ---- arranging and inspecting ----

    /** Checks the launch templates groups name against this EC2, as Auto Scaling does, and fills in their names. */
    public FakeAutoScaling launchTemplatesFrom(FakeEc2 ec2) {
        this.ec2 = ec2;
        return this;
    }

    /** True when nothing create-asg or wire-notifications makes exists here. */
    public synchronized boolean isEmpty() {
        return groups.isEmpty()
                && configurations.isEmpty()
                && policies.isEmpty()
                && notifications.isEmpty()
                && hooks.isEmpty();
    }

    /** An existing group, as Auto Scaling describes it. */
    public synchronized FakeAutoScaling group(AutoScalingGroup group) {
        groups.put(group.autoScalingGroupName(), group);
        return this;
    }

    /** An existing, empty group of this name. */
    public synchronized FakeAutoScaling group(String name) {
        return group(AutoScalingGroup.builder()
                .autoScalingGroupName(name)
                .autoScalingGroupARN(groupArn(name))
                .instances(List.of())
                .tags(List.of())
                .build());
    }

    public synchronized Optional<AutoScalingGroup> findGroup(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /** An existing scaling policy. */
    public synchronized FakeAutoScaling policy(ScalingPolicy policy) {
        policies.put(policy.autoScalingGroupName() + "/" + policy.policyName(), policy);
        return this;
    }

    /** An existing notification configuration: the group sends these types to the topic. */
    public synchronized FakeAutoScaling notifications(String group, String topicArn, List<String> types) {
        notifications.removeIf(
                n -> n.autoScalingGroupName().equals(group) && n.topicARN().equals(topicArn));
        types.forEach(t -> notifications.add(NotificationConfiguration.builder()
                .autoScalingGroupName(group)
                .topicARN(topicArn)
                .notificationType(t)
                .build()));
        return this;
    }

    /** Every notification configuration, one entry a type. */
    public synchronized List<NotificationConfiguration> notifications() {
        return List.copyOf(notifications);
    }

    /** The notification types a group sends to each topic. */
    public synchronized Map<String, Set<String>> notificationTypes(String group) {
        Map<String, Set<String>> types = new LinkedHashMap<>();
        notifications.stream()
                .filter(n -> n.autoScalingGroupName().equals(group))
                .forEach(n -> types.computeIfAbsent(n.topicARN(), k -> new TreeSet<>())
                        .add(n.notificationType()));
        return types;
    }

    /** Runs after each PutNotificationConfiguration, as AWS would then send its test notification. */
    public FakeAutoScaling afterNotificationPut(Consumer<PutNotificationConfigurationRequest> action) {
        this.afterNotificationPut = action;
        return this;
    }

    public synchronized Optional<LifecycleHook> hook(String group, String name) {
        return Optional.ofNullable(hooks.get(group + "/" + name));
    }

    /** An instance in a group of this account, in this lifecycle state ({@code InService}, {@code Terminating:Wait}). */
    public FakeAutoScaling lifecycleState(String instanceId, String state) {
        lifecycleStates.put(instanceId, state);
        return this;
    }

    public List<CompleteLifecycleActionRequest> completions() {
        return requests("completeLifecycleAction", CompleteLifecycleActionRequest.class);
    }

    public List<RecordLifecycleActionHeartbeatRequest> heartbeats() {
        return requests("recordLifecycleActionHeartbeat", RecordLifecycleActionHeartbeatRequest.class);
    }

    public List<DescribeAutoScalingInstancesRequest> describes() {
        return requests("describeAutoScalingInstances", DescribeAutoScalingInstancesRequest.class);
    }

    // ---- groups ----

    @Override
    public synchronized DescribeAutoScalingGroupsResponse describeAutoScalingGroups(
            DescribeAutoScalingGroupsRequest request) {
        enter("describeAutoScalingGroups", request);
        List<String> names = request.autoScalingGroupNames();
        return DescribeAutoScalingGroupsResponse.builder()
                .autoScalingGroups(groups.values().stream()
                        .filter(g -> names.isEmpty() || names.contains(g.autoScalingGroupName()))
                        .toList())
                .build();
    }

    @Override
    public synchronized CreateAutoScalingGroupResponse createAutoScalingGroup(CreateAutoScalingGroupRequest r) {
        enter("createAutoScalingGroup", r);
        String name = r.autoScalingGroupName();
        if (groups.containsKey(name)) {
            throw error(400, "AlreadyExists", "AutoScalingGroup by this name already exists");
        }
        if (r.launchConfigurationName() != null && !configurations.containsKey(r.launchConfigurationName())) {
            throw error(400, "ValidationError", "Launch configuration name not found - " + r.launchConfigurationName());
        }
        groups.put(
                name,
                bounded(AutoScalingGroup.builder()
                        .autoScalingGroupName(name)
                        .autoScalingGroupARN(groupArn(name))
                        .createdTime(Instant.parse("2025-03-01T12:00:00Z"))
                        .launchTemplate(launchTemplate(r.launchTemplate()))
                        .launchConfigurationName(r.launchConfigurationName())
                        .minSize(r.minSize())
                        .maxSize(r.maxSize())
                        .desiredCapacity(r.desiredCapacity() == null ? r.minSize() : r.desiredCapacity())
                        .defaultCooldown(r.defaultCooldown() == null ? 300 : r.defaultCooldown())
                        .healthCheckType(r.healthCheckType() == null ? "EC2" : r.healthCheckType())
                        .healthCheckGracePeriod(r.healthCheckGracePeriod() == null ? 0 : r.healthCheckGracePeriod())
                        .vpcZoneIdentifier(r.vpcZoneIdentifier())
                        .availabilityZones(r.availabilityZones())
                        .instances(List.of())
                        .tags(r.tags().stream().map(t -> describe(name, t)).toList())
                        .build()));
        return CreateAutoScalingGroupResponse.builder().build();
    }

    @Override
    public synchronized UpdateAutoScalingGroupResponse updateAutoScalingGroup(UpdateAutoScalingGroupRequest r) {
        enter("updateAutoScalingGroup", r);
        AutoScalingGroup.Builder g = existing(r.autoScalingGroupName()).toBuilder();
        if (r.launchTemplate() != null) {
            g.launchTemplate(launchTemplate(r.launchTemplate())).launchConfigurationName(null);
        }
        if (r.launchConfigurationName() != null) {
            g.launchConfigurationName(r.launchConfigurationName()).launchTemplate((LaunchTemplateSpecification) null);
        }
        Optional.ofNullable(r.minSize()).ifPresent(g::minSize);
        Optional.ofNullable(r.maxSize()).ifPresent(g::maxSize);
        Optional.ofNullable(r.desiredCapacity()).ifPresent(g::desiredCapacity);
        Optional.ofNullable(r.defaultCooldown()).ifPresent(g::defaultCooldown);
        Optional.ofNullable(r.healthCheckType()).ifPresent(g::healthCheckType);
        Optional.ofNullable(r.healthCheckGracePeriod()).ifPresent(g::healthCheckGracePeriod);
        Optional.ofNullable(r.vpcZoneIdentifier()).ifPresent(g::vpcZoneIdentifier);
        if (r.hasAvailabilityZones()) {
            g.availabilityZones(r.availabilityZones());
        }
        groups.put(r.autoScalingGroupName(), bounded(g.build()));
        return UpdateAutoScalingGroupResponse.builder().build();
    }

    /** As Auto Scaling does: min above max is refused, and a desired capacity outside the bounds moves to the nearer. */
    private static AutoScalingGroup bounded(AutoScalingGroup g) {
        if (g.minSize() == null || g.maxSize() == null) {
            return g;
        }
        if (g.minSize() > g.maxSize()) {
            throw error(
                    400,
                    "ValidationError",
                    "Max bound, " + g.maxSize() + ", must be greater than or equal to min bound, " + g.minSize());
        }
        int desired = g.desiredCapacity() == null ? g.minSize() : g.desiredCapacity();
        return g.toBuilder()
                .desiredCapacity(Math.max(g.minSize(), Math.min(g.maxSize(), desired)))
                .build();
    }

    /** The launch template a group names, checked against EC2 and with its name, when this fake knows EC2. */
    private LaunchTemplateSpecification launchTemplate(LaunchTemplateSpecification spec) {
        if (spec == null || ec2 == null) {
            return spec;
        }
        String id = spec.launchTemplateId();
        String name = ec2.findTemplateById(id)
                .orElseThrow(() -> error(
                        400,
                        "ValidationError",
                        "You must use a valid fully-formed launch template. The specified launch template, with"
                                + " template ID " + id + ", does not exist."))
                .launchTemplateName();
        if (!ec2.hasVersion(id, Integer.parseInt(spec.version()))) {
            throw error(400, "ValidationError", "The specified launch template version does not exist");
        }
        return spec.toBuilder().launchTemplateName(name).build();
    }

    @Override
    public synchronized DeleteAutoScalingGroupResponse deleteAutoScalingGroup(DeleteAutoScalingGroupRequest r) {
        enter("deleteAutoScalingGroup", r);
        AutoScalingGroup g = existing(r.autoScalingGroupName());
        if (!g.instances().isEmpty() && !Boolean.TRUE.equals(r.forceDelete())) {
            throw error(
                    400,
                    "ResourceInUse",
                    "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance"
                            + " request(s) still in the group.");
        }
        String name = g.autoScalingGroupName();
        groups.remove(name);
        policies.keySet().removeIf(k -> k.startsWith(name + "/"));
        notifications.removeIf(n -> n.autoScalingGroupName().equals(name));
        return DeleteAutoScalingGroupResponse.builder().build();
    }

    @Override
    public synchronized CreateOrUpdateTagsResponse createOrUpdateTags(CreateOrUpdateTagsRequest r) {
        enter("createOrUpdateTags", r);
        retag(r.tags(), true);
        return CreateOrUpdateTagsResponse.builder().build();
    }

    @Override
    public synchronized DeleteTagsResponse deleteTags(DeleteTagsRequest r) {
        enter("deleteTags", r);
        retag(r.tags(), false);
        return DeleteTagsResponse.builder().build();
    }

    /** Drops each tag's key from its group, and with {@code put} sets it to the tag's value. */
    private void retag(List<Tag> tags, boolean put) {
        for (Tag t : tags) {
            AutoScalingGroup g = existing(t.resourceId());
            List<TagDescription> now = new ArrayList<>(g.tags());
            now.removeIf(d -> d.key().equals(t.key()));
            if (put) {
                now.add(describe(g.autoScalingGroupName(), t));
            }
            groups.put(g.autoScalingGroupName(), g.toBuilder().tags(now).build());
        }
    }

    @Override
    public synchronized StartInstanceRefreshResponse startInstanceRefresh(StartInstanceRefreshRequest r) {
        enter("startInstanceRefresh", r);
        existing(r.autoScalingGroupName());
        return StartInstanceRefreshResponse.builder()
                .instanceRefreshId("r-" + ++refreshes)
                .build();
    }

    private AutoScalingGroup existing(String name) {
        AutoScalingGroup g = groups.get(name);
        if (g == null) {
            throw error(400, "ValidationError", "AutoScalingGroup name not found - " + name);
        }
        return g;
    }

    private static TagDescription describe(String group, Tag t) {
        return TagDescription.builder()
                .resourceId(group)
                .resourceType("auto-scaling-group")
                .key(t.key())
                .value(t.value() == null ? "" : t.value())
                .propagateAtLaunch(Boolean.TRUE.equals(t.propagateAtLaunch()))
                .build();
    }

    // ---- launch configurations ----

    @Override
    public synchronized DescribeLaunchConfigurationsResponse describeLaunchConfigurations(
            DescribeLaunchConfigurationsRequest r) {
        enter("describeLaunchConfigurations", r);
        List<String> names = r.launchConfigurationNames();
        return DescribeLaunchConfigurationsResponse.builder()
                .launchConfigurations(configurations.values().stream()
                        .filter(c -> names.isEmpty() || names.contains(c.launchConfigurationName()))
                        .toList())
                .build();
    }

    @Override
    public synchronized CreateLaunchConfigurationResponse createLaunchConfiguration(
            CreateLaunchConfigurationRequest r) {
        enter("createLaunchConfiguration", r);
        String name = r.launchConfigurationName();
        if (configurations.containsKey(name)) {
            throw error(400, "AlreadyExists", "Launch Configuration by this name already exists");
        }
        configurations.put(
                name,
                LaunchConfiguration.builder()
                        .launchConfigurationName(name)
                        .launchConfigurationARN("arn:aws:autoscaling:" + region + ":" + account
                                + ":launchConfiguration:" + UUID.randomUUID() + ":launchConfigurationName/" + name)
                        .imageId(r.imageId())
                        .instanceType(r.instanceType())
                        .keyName(r.keyName() == null ? "" : r.keyName())
                        .iamInstanceProfile(r.iamInstanceProfile())
                        .securityGroups(r.securityGroups())
                        .userData(r.userData())
                        .metadataOptions(r.metadataOptions())
                        .build());
        return CreateLaunchConfigurationResponse.builder().build();
    }

    @Override
    public synchronized DeleteLaunchConfigurationResponse deleteLaunchConfiguration(
            DeleteLaunchConfigurationRequest r) {
        enter("deleteLaunchConfiguration", r);
        String name = r.launchConfigurationName();
        if (groups.values().stream().anyMatch(g -> name.equals(g.launchConfigurationName()))) {
            throw error(
                    400,
                    "ResourceInUse",
                    "Cannot delete launch configuration " + name + " because it is attached to AutoScalingGroup");
        }
        if (configurations.remove(name) == null) {
            throw error(400, "ValidationError", "Launch configuration name not found");
        }
        return DeleteLaunchConfigurationResponse.builder().build();
    }

    /** An existing launch configuration. */
    public synchronized FakeAutoScaling launchConfiguration(LaunchConfiguration configuration) {
        configurations.put(configuration.launchConfigurationName(), configuration);
        return this;
    }

    public synchronized List<String> launchConfigurations() {
        return List.copyOf(configurations.keySet());
    }

    // ---- scaling policies ----

    @Override
    public synchronized DescribePoliciesResponse describePolicies(DescribePoliciesRequest r) {
        enter("describePolicies", r);
        String group = r.autoScalingGroupName();
        List<String> names = r.policyNames();
        return DescribePoliciesResponse.builder()
                .scalingPolicies(policies.values().stream()
                        .filter(p -> group == null || group.equals(p.autoScalingGroupName()))
                        .filter(p -> names.isEmpty() || names.contains(p.policyName()))
                        .toList())
                .build();
    }

    @Override
    public synchronized PutScalingPolicyResponse putScalingPolicy(PutScalingPolicyRequest r) {
        enter("putScalingPolicy", r);
        String group = existing(r.autoScalingGroupName()).autoScalingGroupName();
        String key = group + "/" + r.policyName();
        ScalingPolicy old = policies.get(key);
        String arn = old != null
                ? old.policyARN()
                : "arn:aws:autoscaling:" + region + ":" + account + ":scalingPolicy:" + UUID.randomUUID()
                        + ":autoScalingGroupName/" + group + ":policyName/" + r.policyName();
        policies.put(
                key,
                ScalingPolicy.builder()
                        .autoScalingGroupName(group)
                        .policyName(r.policyName())
                        .policyARN(arn)
                        .policyType(r.policyType() == null ? "SimpleScaling" : r.policyType())
                        .adjustmentType(r.adjustmentType())
                        .scalingAdjustment(r.scalingAdjustment())
                        .cooldown(r.cooldown())
                        .enabled(true)
                        .build());
        return PutScalingPolicyResponse.builder().policyARN(arn).build();
    }

    @Override
    public synchronized DeletePolicyResponse deletePolicy(DeletePolicyRequest r) {
        enter("deletePolicy", r);
        if (policies.remove(r.autoScalingGroupName() + "/" + r.policyName()) == null) {
            throw error(400, "ValidationError", "Policy not found");
        }
        return DeletePolicyResponse.builder().build();
    }

    public synchronized Optional<ScalingPolicy> findPolicy(String group, String name) {
        return Optional.ofNullable(policies.get(group + "/" + name));
    }

    // ---- notification configurations ----

    @Override
    public synchronized DescribeNotificationConfigurationsResponse describeNotificationConfigurations(
            DescribeNotificationConfigurationsRequest r) {
        enter("describeNotificationConfigurations", r);
        List<String> names = r.autoScalingGroupNames();
        return DescribeNotificationConfigurationsResponse.builder()
                .notificationConfigurations(notifications.stream()
                        .filter(n -> names.isEmpty() || names.contains(n.autoScalingGroupName()))
                        .toList())
                .build();
    }

    /** As Auto Scaling does, a put replaces the types the group sends to that topic. */
    @Override
    public PutNotificationConfigurationResponse putNotificationConfiguration(PutNotificationConfigurationRequest r) {
        synchronized (this) {
            enter("putNotificationConfiguration", r);
            notifications(
                    existing(r.autoScalingGroupName()).autoScalingGroupName(), r.topicARN(), r.notificationTypes());
        }
        afterNotificationPut.accept(r);
        return PutNotificationConfigurationResponse.builder().build();
    }

    @Override
    public synchronized DeleteNotificationConfigurationResponse deleteNotificationConfiguration(
            DeleteNotificationConfigurationRequest r) {
        enter("deleteNotificationConfiguration", r);
        notifications.removeIf(n -> n.autoScalingGroupName().equals(r.autoScalingGroupName())
                && n.topicARN().equals(r.topicARN()));
        return DeleteNotificationConfigurationResponse.builder().build();
    }

    // ---- lifecycle hooks and actions ----

    @Override
    public synchronized DescribeLifecycleHooksResponse describeLifecycleHooks(DescribeLifecycleHooksRequest r) {
        enter("describeLifecycleHooks", r);
        return DescribeLifecycleHooksResponse.builder()
                .lifecycleHooks(hooks.values().stream()
                        .filter(h -> h.autoScalingGroupName().equals(r.autoScalingGroupName()))
                        .filter(h -> r.lifecycleHookNames().isEmpty()
                                || r.lifecycleHookNames().contains(h.lifecycleHookName()))
                        .toList())
                .build();
    }

    @Override
    public synchronized PutLifecycleHookResponse putLifecycleHook(PutLifecycleHookRequest r) {
        enter("putLifecycleHook", r);
        hooks.put(
                r.autoScalingGroupName() + "/" + r.lifecycleHookName(),
                LifecycleHook.builder()
                        .autoScalingGroupName(r.autoScalingGroupName())
                        .lifecycleHookName(r.lifecycleHookName())
                        .lifecycleTransition(r.lifecycleTransition())
                        .notificationTargetARN(r.notificationTargetARN())
                        .roleARN(r.roleARN())
                        .heartbeatTimeout(r.heartbeatTimeout())
                        .defaultResult(r.defaultResult())
                        .build());
        return PutLifecycleHookResponse.builder().build();
    }

    @Override
    public DescribeAutoScalingInstancesResponse describeAutoScalingInstances(DescribeAutoScalingInstancesRequest r) {
        enter("describeAutoScalingInstances", r);
        return DescribeAutoScalingInstancesResponse.builder()
                .autoScalingInstances(r.instanceIds().stream()
                        .filter(lifecycleStates::containsKey)
                        .map(id -> AutoScalingInstanceDetails.builder()
                                .instanceId(id)
                                .autoScalingGroupName("web-asg")
                                .lifecycleState(lifecycleStates.get(id))
                                .build())
                        .toList())
                .build();
    }

    @Override
    public CompleteLifecycleActionResponse completeLifecycleAction(CompleteLifecycleActionRequest r) {
        enter("completeLifecycleAction", r);
        return CompleteLifecycleActionResponse.builder().build();
    }

    @Override
    public RecordLifecycleActionHeartbeatResponse recordLifecycleActionHeartbeat(
            RecordLifecycleActionHeartbeatRequest r) {
        enter("recordLifecycleActionHeartbeat", r);
        return RecordLifecycleActionHeartbeatResponse.builder().build();
    }

    @Override
    public AutoScalingServiceClientConfiguration serviceClientConfiguration() {
        return AutoScalingServiceClientConfiguration.builder()
                .region(Region.of(region))
                .build();
    }

    @Override
    public String serviceName() {
        return "autoscaling";
    }
}
