package dev.asgchef.asg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.report.Outcome;
import dev.asgchef.testing.FakeAutoScaling;
import dev.asgchef.testing.FakeEc2;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.CreateLaunchConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteLaunchConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.InstanceMetadataHttpTokensState;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;

class LaunchConfigurationStepTest {
    private final FakeAutoScaling as = new FakeAutoScaling();
    private final FakeEc2 ec2 = new FakeEc2();
    private final AsgClients aws = new AsgClients(as, ec2, null, "us-east-1");
    private final GroupResources resources = new GroupResources();
    private final GroupSpec spec = legacy();

    private static GroupSpec legacy() {
        Requests r = Requests.defaults();
        r.kind = LaunchKind.CONFIGURATION;
        r.securityGroups = List.of("sg-0123456789abcdef0");
        return r.spec();
    }

    LaunchConfigurationStepTest() {
        ec2.image(
                Image.builder().imageId(spec.ami()).state(ImageState.AVAILABLE).build());
    }

    private static LaunchConfiguration named(String name) {
        return LaunchConfiguration.builder()
                .launchConfigurationName(name)
                .launchConfigurationARN("arn:aws:autoscaling:us-east-1:123456789012:launchConfiguration:uuid:"
                        + "launchConfigurationName/" + name)
                .build();
    }

    @Test
    void aNewConfigurationIsNamedForItsSettingsAndRequiresImdsV2() {
        String name = spec.names().launchConfiguration();

        ResourceStep.Applied applied = new LaunchConfigurationStep(spec).apply(aws, resources);

        CreateLaunchConfigurationRequest request =
                as.request("createLaunchConfiguration", CreateLaunchConfigurationRequest.class);
        assertEquals(name, request.launchConfigurationName());
        assertEquals("ami-0abcdef1234567890", request.imageId());
        assertEquals("t3.micro", request.instanceType());
        assertEquals("chef-node", request.iamInstanceProfile());
        assertEquals(List.of("sg-0123456789abcdef0"), request.securityGroups());
        assertEquals(spec.launch().userData(), request.userData());
        assertEquals(
                InstanceMetadataHttpTokensState.REQUIRED,
                request.metadataOptions().httpTokens());
        assertEquals(false, request.instanceMonitoring().enabled());
        assertEquals(Outcome.SUCCESS, applied.outcome());
        assertTrue(((String) applied.facts().get("arn")).endsWith("launchConfigurationName/" + name));
        assertEquals(LaunchRef.configuration(name), resources.launch());

        resources.undos().pop().run().run();
        assertEquals(
                name,
                as.request("deleteLaunchConfiguration", DeleteLaunchConfigurationRequest.class)
                        .launchConfigurationName());
    }

    @Test
    void theConfigurationOfTheseSettingsExists() {
        as.launchConfiguration(named(spec.names().launchConfiguration()));

        assertEquals(
                Outcome.EXISTS,
                new LaunchConfigurationStep(spec).apply(aws, resources).outcome());
        assertEquals(List.of("describeLaunchConfigurations"), as.operations());
    }

    @Test
    void aConfigurationReplacingTheGroupsCurrentOneIsAnUpdate() {
        as.group(AutoScalingGroup.builder()
                .autoScalingGroupName("haproxy-staging")
                .launchConfigurationName("haproxy-staging-0000000000")
                .build());

        ResourceStep.Applied applied = new LaunchConfigurationStep(spec).apply(aws, resources);

        assertEquals(Outcome.UPDATED, applied.outcome());
        assertEquals("replaces haproxy-staging-0000000000, which is kept", applied.note());
    }
}
