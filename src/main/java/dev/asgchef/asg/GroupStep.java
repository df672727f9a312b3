package dev.asgchef.asg;

import dev.asgchef.AsgchefException;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.waiters.AutoScalingWaiter;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The Auto Scaling group. A new group is created pointing at this run's launch template version (or configuration);
 * an existing one is brought to the spec field by field, and what each field was is kept so a rollback can put it
 * back. An existing group's desired capacity changes only when {@code --desired} asks, so a re-run never undoes what
 * scaling did.
 */
final class GroupStep implements ResourceStep {
    private static final String RESOURCE_TYPE = "auto-scaling-group";

    private final GroupSpec spec;
    private final String name;

    GroupStep(GroupSpec spec) {
        this.spec = spec;
        this.name = spec.names().group();
    }

    @Override
    public String title() {
        return "Auto Scaling Group";
    }

    @Override
    public String key() {
        return "autoScalingGroup";
    }

    @Override
    public Step plan() {
        GroupSpec.Group g = spec.group();
        Map<String, Object> p = new LinkedHashMap<>();
        if (spec.launchKind() == LaunchKind.TEMPLATE) {
            p.put("LaunchTemplate", spec.names().launchTemplate() + " at the version above");
        } else {
            p.put("LaunchConfigurationName", spec.names().launchConfiguration());
        }
        p.put("MinSize", g.min());
        p.put("MaxSize", g.max());
        p.put("DesiredCapacity", g.desired().map(Object::toString).orElse(g.min() + " (new group only)"));
        p.put("DefaultCooldown", g.defaultCooldown());
        p.put("HealthCheckType", g.healthCheckType().name());
        p.put("HealthCheckGracePeriod", g.healthCheckGracePeriod());
        switch (g.placement().kind()) {
            case SUBNETS ->
                p.put("VPCZoneIdentifier", String.join(",", g.placement().ids()));
            case ZONES -> p.put("AvailabilityZones", g.placement().ids());
            case REGION_DEFAULT -> p.put("AvailabilityZones", "every available zone of the region (default VPC)");
        }
        p.put("Tags", g.tags() + " propagated at launch");
        return planned(name, p);
    }

    @Override
    public Applied apply(AsgClients aws, GroupResources resources) {
        AutoScalingClient as = aws.autoScaling();
        Optional<AutoScalingGroup> existing =
                as.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups().stream()
                        .findFirst();
        return existing.isPresent() ? converge(as, resources, existing.get()) : create(aws, resources);
    }

    private Applied create(AsgClients aws, GroupResources resources) {
        AutoScalingClient as = aws.autoScaling();
        GroupSpec.Group g = spec.group();
        LaunchRef launch = resources.launch();
        CreateAutoScalingGroupRequest.Builder request = CreateAutoScalingGroupRequest.builder()
                .autoScalingGroupName(name)
                .minSize(g.min())
                .maxSize(g.max())
                .desiredCapacity(g.initialDesired())
                .defaultCooldown(g.defaultCooldown())
                .healthCheckType(g.healthCheckType().name())
                .healthCheckGracePeriod(g.healthCheckGracePeriod())
                .tags(tags(g.tags()));
        if (launch.kind() == LaunchKind.TEMPLATE) {
            request.launchTemplate(launch.templateSpecification());
        } else {
            request.launchConfigurationName(launch.name());
        }
        switch (g.placement().kind()) {
            case SUBNETS ->
                request.vpcZoneIdentifier(String.join(",", g.placement().ids()));
            case ZONES -> request.availabilityZones(g.placement().ids());
            case REGION_DEFAULT -> request.availabilityZones(availableZones(aws.ec2()));
        }
        as.createAutoScalingGroup(request.build());
        resources.made(new GroupResources.Undo(Action.DELETE, title(), () -> delete(as)));
        resources.outdatedInstances(0);
        try (AutoScalingWaiter waiter = AutoScalingWaiter.builder().client(as).build()) {
            String arn = waiter.waitUntilGroupExists(r -> r.autoScalingGroupNames(name))
                    .matched()
                    .response()
                    .flatMap(r -> r.autoScalingGroups().stream().findFirst())
                    .map(AutoScalingGroup::autoScalingGroupARN)
                    .orElse(null);
            resources.groupArn(arn);
            return new Applied(Outcome.SUCCESS, null, ResourceStep.facts("name", name, "arn", arn));
        }
    }

    /** Force-deletes the group this run created (terminating its instances) and waits until it is gone. */
    private void delete(AutoScalingClient as) {
        as.deleteAutoScalingGroup(r -> r.autoScalingGroupName(name).forceDelete(true));
        try (AutoScalingWaiter waiter = AutoScalingWaiter.builder().client(as).build()) {
            waiter.waitUntilGroupNotExists(r -> r.autoScalingGroupNames(name));
        }
    }

    private static List<String> availableZones(Ec2Client ec2) {
        List<String> zones = ec2
                .describeAvailabilityZones(r -> r.filters(
                        Filter.builder().name("state").values("available").build(),
                        Filter.builder()
                                .name("zone-type")
                                .values("availability-zone")
                                .build()))
                .availabilityZones()
                .stream()
                .map(AvailabilityZone::zoneName)
                .toList();
        if (zones.isEmpty()) {
            throw new AsgchefException("the region has no available zone to place the group in: pass --subnet");
        }
        return zones;
    }

    private Applied converge(AutoScalingClient as, GroupResources resources, AutoScalingGroup current) {
        if (current.mixedInstancesPolicy() != null) {
            throw new AsgchefException("group " + name + " launches from a mixed instances policy, which create-asg"
                    + " does not manage: change it with the AWS console or CLI, or give --name for a new group");
        }
        GroupSpec.Group g = spec.group();
        LaunchRef launch = resources.launch();
        Changes changes = new Changes(name);
        if (!launch.usedBy(current)) {
            changes.launch(current, launch);
        }
        changes.field("MinSize", current.minSize(), g.min(), (u, v) -> u.minSize(v));
        changes.field("MaxSize", current.maxSize(), g.max(), (u, v) -> u.maxSize(v));
        g.desired()
                .ifPresent(d ->
                        changes.field("DesiredCapacity", current.desiredCapacity(), d, (u, v) -> u.desiredCapacity(v)));
        changes.field(
                "DefaultCooldown", current.defaultCooldown(), g.defaultCooldown(), (u, v) -> u.defaultCooldown(v));
        changes.field(
                "HealthCheckType",
                current.healthCheckType(),
                g.healthCheckType().name(),
                (u, v) -> u.healthCheckType(v));
        changes.field(
                "HealthCheckGracePeriod",
                current.healthCheckGracePeriod(),
                g.healthCheckGracePeriod(),
                (u, v) -> u.healthCheckGracePeriod(v));
        placement(changes, current);
        Map<String, TagDescription> tagsNow =
                current.tags().stream().collect(Collectors.toMap(TagDescription::key, t -> t, (a, b) -> a));
        List<String> newTags = new ArrayList<>();
        Map<String, String> put = new LinkedHashMap<>();
        g.tags().forEach((key, value) -> {
            TagDescription now = tagsNow.get(key);
            if (now == null || !value.equals(now.value()) || !Boolean.TRUE.equals(now.propagateAtLaunch())) {
                put.put(key, value);
                if (now == null) {
                    newTags.add(key);
                }
            }
        });

        resources.groupArn(current.autoScalingGroupARN());
        resources.outdatedInstances((int)
                current.instances().stream().filter(i -> !launch.usedBy(i)).count());
        Map<String, Object> facts = ResourceStep.facts("name", name, "arn", current.autoScalingGroupARN());
        if (changes.isEmpty() && put.isEmpty()) {
            return Applied.exists(facts);
        }
        List<String> said = new ArrayList<>(changes.said());
        if (!changes.isEmpty()) {
            UpdateAutoScalingGroupRequest restore = changes.restore();
            as.updateAutoScalingGroup(changes.update());
            resources.made(new GroupResources.Undo(Action.RESTORE, title(), () -> as.updateAutoScalingGroup(restore)));
        }
        if (!put.isEmpty()) {
            List<Tag> previous = tagsNow.values().stream()
                    .filter(t -> put.containsKey(t.key()))
                    .map(t -> tag(t.key(), t.value(), Boolean.TRUE.equals(t.propagateAtLaunch())))
                    .toList();
            List<Tag> added =
                    newTags.stream().map(k -> tag(k, put.get(k), true)).toList();
            as.createOrUpdateTags(r -> r.tags(tags(put)));
            resources.made(new GroupResources.Undo(Action.RESTORE, title() + " tags", () -> {
                if (!previous.isEmpty()) {
                    as.createOrUpdateTags(r -> r.tags(previous));
                }
                if (!added.isEmpty()) {
                    as.deleteTags(r -> r.tags(added));
                }
            }));
            said.add("tags " + String.join(", ", put.keySet()));
        }
        return new Applied(Outcome.UPDATED, String.join(", ", said), facts);
    }

    private void placement(Changes changes, AutoScalingGroup current) {
        GroupSpec.Placement placement = spec.group().placement();
        switch (placement.kind()) {
            case SUBNETS -> {
                String now = Objects.toString(current.vpcZoneIdentifier(), "");
                Set<String> subnets = new HashSet<>(Arrays.asList(now.split(",")));
                subnets.remove("");
                if (!subnets.equals(new HashSet<>(placement.ids()))) {
                    changes.placement(
                            "VPCZoneIdentifier",
                            u -> u.vpcZoneIdentifier(String.join(",", placement.ids())),
                            u -> u.vpcZoneIdentifier(now));
                }
            }
            case ZONES -> {
                List<String> now = current.availabilityZones();
                if (!new HashSet<>(now).equals(new HashSet<>(placement.ids()))) {
                    changes.placement(
                            "AvailabilityZones",
                            u -> u.availabilityZones(placement.ids()),
                            u -> u.availabilityZones(now));
                }
            }
            case REGION_DEFAULT -> {
                // Nothing asked: an existing group stays where it is.
            }
        }
    }

    private List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> tag(e.getKey(), e.getValue(), true))
                .toList();
    }

    private Tag tag(String key, String value, boolean propagate) {
        return Tag.builder()
                .resourceId(name)
                .resourceType(RESOURCE_TYPE)
                .key(key)
                .value(value)
                .propagateAtLaunch(propagate)
                .build();
    }

    /** The fields of an existing group that differ from the spec: the update, and the update that undoes it. */
    private static final class Changes {
        private final UpdateAutoScalingGroupRequest.Builder update;
        private final UpdateAutoScalingGroupRequest.Builder restore;
        private final List<String> said = new ArrayList<>();

        Changes(String group) {
            update = UpdateAutoScalingGroupRequest.builder().autoScalingGroupName(group);
            restore = UpdateAutoScalingGroupRequest.builder().autoScalingGroupName(group);
        }

        <T> void field(
                String what,
                T now,
                T wanted,
                java.util.function.BiConsumer<UpdateAutoScalingGroupRequest.Builder, T> set) {
            if (!wanted.equals(now)) {
                set.accept(update, wanted);
                if (now != null) {
                    set.accept(restore, now);
                }
                said.add(what + " " + now + " -> " + wanted);
            }
        }

        void launch(AutoScalingGroup current, LaunchRef launch) {
            if (launch.kind() == LaunchKind.TEMPLATE) {
                update.launchTemplate(launch.templateSpecification());
            } else {
                update.launchConfigurationName(launch.name());
            }
            LaunchTemplateSpecification was = current.launchTemplate();
            if (was != null) {
                // Describe returns both id and name; an update takes only one of them.
                restore.launchTemplate(LaunchTemplateSpecification.builder()
                        .launchTemplateId(was.launchTemplateId())
                        .launchTemplateName(was.launchTemplateId() == null ? was.launchTemplateName() : null)
                        .version(was.version())
                        .build());
            } else {
                restore.launchConfigurationName(current.launchConfigurationName());
            }
            boolean sameTemplate = was != null
                    && launch.kind() == LaunchKind.TEMPLATE
                    && (launch.id().equals(was.launchTemplateId())
                            || launch.name().equals(was.launchTemplateName()));
            said.add(
                    sameTemplate
                            ? "launch template version " + was.version() + " -> " + launch.version()
                            : LaunchRef.describe(current) + " -> " + launch.describe());
        }

        void placement(
                String what,
                Consumer<UpdateAutoScalingGroupRequest.Builder> set,
                Consumer<UpdateAutoScalingGroupRequest.Builder> back) {
            set.accept(update);
            back.accept(restore);
            said.add("new " + what);
        }

        boolean isEmpty() {
            return said.isEmpty();
        }

        List<String> said() {
            return said;
        }

        UpdateAutoScalingGroupRequest update() {
            return update.build();
        }

        UpdateAutoScalingGroupRequest restore() {
            return restore.build();
        }
    }
}
