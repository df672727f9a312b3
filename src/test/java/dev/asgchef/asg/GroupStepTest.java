package dev.asgchef.asg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.testing.FakeAutoScaling;
import dev.asgchef.testing.FakeEc2;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;

class GroupStepTest {
    private static final String ID = "lt-0123456789abcdef0";
    private static final String ARN =
            "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/haproxy-staging";

    private final FakeAutoScaling as = new FakeAutoScaling();
    private final FakeEc2 ec2 = new FakeEc2();
    private final AsgClients aws = new AsgClients(as, ec2, null, "us-east-1");
    private final GroupResources resources = new GroupResources();

    GroupStepTest() {
        resources.launch(LaunchRef.template(ID, "haproxy-staging", 2));
    }

    /** The group as the spec's defaults made it, at template version 2. */
    private static AutoScalingGroup.Builder asMade() {
        List<TagDescription> tags = new ArrayList<>();
        Map.of("Name", "haproxy-staging", "Role", "haproxy", "Environment", "staging")
                .forEach((k, v) -> tags.add(TagDescription.builder()
                        .resourceId("haproxy-staging")
                        .resourceType("auto-scaling-group")
                        .key(k)
                        .value(v)
                        .propagateAtLaunch(true)
                        .build()));
        return AutoScalingGroup.builder()
                .autoScalingGroupName("haproxy-staging")
                .autoScalingGroupARN(ARN)
                .launchTemplate(LaunchTemplateSpecification.builder()
                        .launchTemplateId(ID)
                        .launchTemplateName("haproxy-staging")
                        .version("2")
                        .build())
                .minSize(1)
                .maxSize(3)
                .desiredCapacity(2)
                .defaultCooldown(300)
                .healthCheckType("EC2")
                .healthCheckGracePeriod(300)
                .vpcZoneIdentifier("subnet-0123456789abcdef0")
                .tags(tags);
    }

    @Test
    void aNewGroupLaunchesFromTheTemplateVersionWithEveryTagPropagated() {
        ResourceStep.Applied applied = new GroupStep(Requests.defaults().spec()).apply(aws, resources);

        CreateAutoScalingGroupRequest request =
                as.request("createAutoScalingGroup", CreateAutoScalingGroupRequest.class);
        assertEquals("haproxy-staging", request.autoScalingGroupName());
        assertEquals(
                LaunchTemplateSpecification.builder()
                        .launchTemplateId(ID)
                        .version("2")
                        .build(),
                request.launchTemplate());
        assertNull(request.launchConfigurationName());
        assertEquals(1, request.minSize());
        assertEquals(3, request.maxSize());
        assertEquals(1, request.desiredCapacity());
        assertEquals(300, request.defaultCooldown());
        assertEquals("EC2", request.healthCheckType());
        assertEquals(300, request.healthCheckGracePeriod());
        assertEquals("subnet-0123456789abcdef0", request.vpcZoneIdentifier());
        assertEquals(
                List.of("Name=haproxy-staging", "Role=haproxy", "Environment=staging"),
                request.tags().stream().map(t -> t.key() + "=" + t.value()).toList());
        for (Tag t : request.tags()) {
            assertEquals(true, t.propagateAtLaunch());
            assertEquals("haproxy-staging", t.resourceId());
            assertEquals("auto-scaling-group", t.resourceType());
        }
        String arn = as.groupArn("haproxy-staging");
        assertEquals(Outcome.SUCCESS, applied.outcome());
        assertEquals(Map.of("name", "haproxy-staging", "arn", arn), applied.facts());
        assertEquals(arn, resources.groupArn().orElseThrow());
    }

    @Test
    void rollingBackANewGroupForceDeletesItAndWaitsTillItIsGone() {
        new GroupStep(Requests.defaults().spec()).apply(aws, resources);

        GroupResources.Undo undo = resources.undos().pop();
        undo.run().run();

        assertEquals(Action.DELETE, undo.action());
        assertEquals(
                DeleteAutoScalingGroupRequest.builder()
                        .autoScalingGroupName("haproxy-staging")
                        .forceDelete(true)
                        .build(),
                as.request("deleteAutoScalingGroup", DeleteAutoScalingGroupRequest.class));
        assertEquals(
                List.of(
                        "describeAutoScalingGroups",
                        "createAutoScalingGroup",
                        "describeAutoScalingGroups",
                        "deleteAutoScalingGroup",
                        "describeAutoScalingGroups"),
                as.operations());
    }

    @Test
    void withoutSubnetsOrZonesTheGroupSpansEveryAvailableZone() {
        ec2.zones("us-east-1a", "us-east-1c");
        Requests r = Requests.defaults();
        r.subnets = List.of();

        new GroupStep(r.spec()).apply(aws, resources);

        assertEquals(
                List.of(
                        Filter.builder().name("state").values("available").build(),
                        Filter.builder()
                                .name("zone-type")
                                .values("availability-zone")
                                .build()),
                ec2.request("describeAvailabilityZones", DescribeAvailabilityZonesRequest.class)
                        .filters());
        CreateAutoScalingGroupRequest request =
                as.request("createAutoScalingGroup", CreateAutoScalingGroupRequest.class);
        assertEquals(List.of("us-east-1a", "us-east-1c"), request.availabilityZones());
        assertNull(request.vpcZoneIdentifier());
    }

    @Test
    void aGroupAsTheSpecSaysExistsAndNothingIsCalledButDescribe() {
        as.group(asMade().build());

        ResourceStep.Applied applied = new GroupStep(Requests.defaults().spec()).apply(aws, resources);

        assertEquals(Outcome.EXISTS, applied.outcome());
        assertEquals(List.of("describeAutoScalingGroups"), as.operations());
        assertTrue(resources.undos().isEmpty());
    }

    @Test
    void aChangedGroupGetsOnlyTheChangedFieldsAndRollbackPutsThemBack() {
        AutoScalingGroup old = asMade().launchTemplate(LaunchTemplateSpecification.builder()
                        .launchTemplateId(ID)
                        .launchTemplateName("haproxy-staging")
                        .version("1")
                        .build())
                .maxSize(5)
                .desiredCapacity(4)
                .build();
        as.group(old);

        ResourceStep.Applied applied = new GroupStep(Requests.defaults().spec()).apply(aws, resources);

        assertEquals(Outcome.UPDATED, applied.outcome());
        assertEquals("launch template version 1 -> 2, MaxSize 5 -> 3", applied.note());
        assertEquals(
                UpdateAutoScalingGroupRequest.builder()
                        .autoScalingGroupName("haproxy-staging")
                        .launchTemplate(LaunchTemplateSpecification.builder()
                                .launchTemplateId(ID)
                                .version("2")
                                .build())
                        .maxSize(3)
                        .build(),
                as.request("updateAutoScalingGroup", UpdateAutoScalingGroupRequest.class));

        GroupResources.Undo undo = resources.undos().pop();
        undo.run().run();
        assertEquals(Action.RESTORE, undo.action());
        assertEquals(
                UpdateAutoScalingGroupRequest.builder()
                        .autoScalingGroupName("haproxy-staging")
                        .launchTemplate(LaunchTemplateSpecification.builder()
                                .launchTemplateId(ID)
                                .version("1")
                                .build())
                        .maxSize(5)
                        .build(),
                as.requests("updateAutoScalingGroup", UpdateAutoScalingGroupRequest.class)
                        .get(1));
    }

    @Test
    void desiredCapacityChangesOnlyWhenAskedFor() {
        as.group(asMade().desiredCapacity(3).build());
        Requests r = Requests.defaults();
        r.desired = 2;

        ResourceStep.Applied applied = new GroupStep(r.spec()).apply(aws, resources);

        assertEquals("DesiredCapacity 3 -> 2", applied.note());
        assertEquals(
                2,
                as.request("updateAutoScalingGroup", UpdateAutoScalingGroupRequest.class)
                        .desiredCapacity());
    }

    @Test
    void aNewTagIsAddedAndRollbackRemovesIt() {
        as.group(asMade().build());
        Requests r = Requests.defaults();
        r.tags = Map.of("team", "edge");

        ResourceStep.Applied applied = new GroupStep(r.spec()).apply(aws, resources);

        assertEquals("tags team", applied.note());
        Tag team = Tag.builder()
                .resourceId("haproxy-staging")
                .resourceType("auto-scaling-group")
                .key("team")
                .value("edge")
                .propagateAtLaunch(true)
                .build();
        assertEquals(
                List.of(team),
                as.request("createOrUpdateTags", CreateOrUpdateTagsRequest.class)
                        .tags());

        resources.undos().pop().run().run();
        assertEquals(
                List.of(team), as.request("deleteTags", DeleteTagsRequest.class).tags());
    }

    @Test
    void instancesOnOtherLaunchSettingsAreCountedForARefresh() {
        LaunchTemplateSpecification v1 = LaunchTemplateSpecification.builder()
                .launchTemplateId(ID)
                .launchTemplateName("haproxy-staging")
                .version("1")
                .build();
        as.group(asMade().instances(
                        Instance.builder()
                                .instanceId("i-0123456789abcdef0")
                                .launchTemplate(v1)
                                .build(),
                        Instance.builder()
                                .instanceId("i-0123456789abcdef1")
                                .launchTemplate(v1.toBuilder().version("2").build())
                                .build())
                .build());

        new GroupStep(Requests.defaults().spec()).apply(aws, resources);

        assertEquals(1, resources.outdatedInstances());
    }

    @Test
    void aGroupOnAMixedInstancesPolicyIsLeftAlone() {
        as.group(asMade().launchTemplate((LaunchTemplateSpecification) null)
                .mixedInstancesPolicy(MixedInstancesPolicy.builder().build())
                .build());

        AsgchefException e = assertThrows(
                AsgchefException.class, () -> new GroupStep(Requests.defaults().spec()).apply(aws, resources));

        assertTrue(e.getMessage().contains("mixed instances policy"), e.getMessage());
        assertEquals(List.of("describeAutoScalingGroups"), as.operations());
    }
}
