package dev.asgchef.asg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.testing.FakeEc2;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateHttpTokensState;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateIamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceMetadataOptions;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.Tag;

class LaunchTemplateStepTest {
    private static final String ID = "lt-0123456789abcdef0";
    private static final LaunchTemplate TEMPLATE = LaunchTemplate.builder()
            .launchTemplateId(ID)
            .launchTemplateName("haproxy-staging")
            .latestVersionNumber(1L)
            .createdBy("arn:aws:iam::123456789012:user/ci")
            .build();

    private final FakeEc2 ec2 = new FakeEc2();
    private final AsgClients aws = new AsgClients(null, ec2, null, "eu-west-1");
    private final GroupSpec spec = Requests.defaults().spec();
    private final GroupResources resources = new GroupResources();
    private final LaunchTemplateStep step = new LaunchTemplateStep(spec);

    @BeforeEach
    void anAvailableImage() {
        image(ImageState.AVAILABLE);
    }

    private void image(ImageState state) {
        ec2.image(Image.builder().imageId(spec.ami()).state(state).build());
    }

    /** TEMPLATE exists, and its latest version (of {@code number}) launches {@code data}. */
    private void latestVersion(int number, ResponseLaunchTemplateData data) {
        ec2.template(TEMPLATE, Collections.nCopies(number, data).toArray(ResponseLaunchTemplateData[]::new));
    }

    private String createdId() {
        return ec2.findTemplate("haproxy-staging").orElseThrow().launchTemplateId();
    }

    /** What EC2 returns for a version made from the spec. */
    private ResponseLaunchTemplateData asCreated(String ami) {
        return ResponseLaunchTemplateData.builder()
                .imageId(ami)
                .instanceType("t3.micro")
                .iamInstanceProfile(LaunchTemplateIamInstanceProfileSpecification.builder()
                        .name("chef-node")
                        .build())
                .userData(spec.launch().userData())
                .metadataOptions(LaunchTemplateInstanceMetadataOptions.builder()
                        .httpTokens(LaunchTemplateHttpTokensState.REQUIRED)
                        .build())
                .build();
    }

    @Test
    void aNewTemplateIsCreatedFromTheSpecWithImdsV2AndTheGroupsTags() {
        ResourceStep.Applied applied = step.apply(aws, resources);
        String id = createdId();

        assertEquals(List.of("describeImages", "describeLaunchTemplates", "createLaunchTemplate"), ec2.operations());
        assertEquals(
                List.of("ami-0abcdef1234567890"),
                ec2.request("describeImages", DescribeImagesRequest.class).imageIds());
        assertEquals(
                List.of(Filter.builder()
                        .name("launch-template-name")
                        .values("haproxy-staging")
                        .build()),
                ec2.request("describeLaunchTemplates", DescribeLaunchTemplatesRequest.class)
                        .filters());
        CreateLaunchTemplateRequest request = ec2.request("createLaunchTemplate", CreateLaunchTemplateRequest.class);
        assertEquals("haproxy-staging", request.launchTemplateName());
        assertEquals(spec.launch().templateData(), request.launchTemplateData());
        assertEquals("ami-0abcdef1234567890", request.launchTemplateData().imageId());
        assertEquals(
                "chef-node", request.launchTemplateData().iamInstanceProfile().name());
        assertEquals(
                LaunchTemplateHttpTokensState.REQUIRED,
                request.launchTemplateData().metadataOptions().httpTokens());
        assertEquals(
                ResourceType.LAUNCH_TEMPLATE, request.tagSpecifications().get(0).resourceType());
        assertEquals(
                List.of(
                        Tag.builder().key("Name").value("haproxy-staging").build(),
                        Tag.builder().key("Role").value("haproxy").build(),
                        Tag.builder().key("Environment").value("staging").build()),
                request.tagSpecifications().get(0).tags());
        assertEquals(Outcome.SUCCESS, applied.outcome());
        assertEquals(
                Map.of(
                        "name",
                        "haproxy-staging",
                        "id",
                        id,
                        "version",
                        1L,
                        "arn",
                        "arn:aws:ec2:eu-west-1:123456789012:launch-template/" + id),
                applied.facts());
        assertEquals(LaunchRef.template(id, "haproxy-staging", 1), resources.launch());
    }

    @Test
    void rollingBackANewTemplateDeletesIt() {
        step.apply(aws, resources);
        String id = createdId();

        GroupResources.Undo undo = resources.undos().pop();
        undo.run().run();

        assertEquals(Action.DELETE, undo.action());
        assertEquals("Launch Template", undo.subject());
        assertEquals(
                DeleteLaunchTemplateRequest.builder().launchTemplateId(id).build(),
                ec2.request("deleteLaunchTemplate", DeleteLaunchTemplateRequest.class));
    }

    @Test
    void aLatestVersionWithTheSameSettingsExists() {
        latestVersion(3, asCreated(spec.ami()));

        ResourceStep.Applied applied = step.apply(aws, resources);

        assertEquals(Outcome.EXISTS, applied.outcome());
        assertEquals(LaunchRef.template(ID, "haproxy-staging", 3), resources.launch());
        assertTrue(resources.undos().isEmpty());
        assertEquals(
                List.of("describeImages", "describeLaunchTemplates", "describeLaunchTemplateVersions"),
                ec2.operations());
        DescribeLaunchTemplateVersionsRequest latest =
                ec2.request("describeLaunchTemplateVersions", DescribeLaunchTemplateVersionsRequest.class);
        assertEquals(ID, latest.launchTemplateId());
        assertEquals(List.of("$Latest"), latest.versions());
    }

    @Test
    void aNewAmiAddsAVersionThatRollbackDeletes() {
        latestVersion(3, asCreated("ami-0fedcba9876543210"));

        ResourceStep.Applied applied = step.apply(aws, resources);

        CreateLaunchTemplateVersionRequest create =
                ec2.request("createLaunchTemplateVersion", CreateLaunchTemplateVersionRequest.class);
        assertEquals(ID, create.launchTemplateId());
        assertEquals(spec.launch().templateData(), create.launchTemplateData());
        assertEquals(Outcome.UPDATED, applied.outcome());
        assertEquals("version 4: ImageId ami-0fedcba9876543210 -> ami-0abcdef1234567890", applied.note());
        assertEquals(LaunchRef.template(ID, "haproxy-staging", 4), resources.launch());

        GroupResources.Undo undo = resources.undos().pop();
        undo.run().run();
        assertEquals("Launch Template version 4", undo.subject());
        assertEquals(
                DeleteLaunchTemplateVersionsRequest.builder()
                        .launchTemplateId(ID)
                        .versions("4")
                        .build(),
                ec2.request("deleteLaunchTemplateVersions", DeleteLaunchTemplateVersionsRequest.class));
    }

    @Test
    void aVersionThatAllowsImdsV1IsNeverTakenForOurs() {
        latestVersion(
                3,
                asCreated(spec.ami()).toBuilder()
                        .metadataOptions((LaunchTemplateInstanceMetadataOptions) null)
                        .build());

        ResourceStep.Applied applied = step.apply(aws, resources);

        assertEquals(Outcome.UPDATED, applied.outcome());
        assertEquals("version 4: version 3 allows IMDSv1", applied.note());
    }

    @Test
    void aPendingAmiFailsBeforeAnythingIsMade() {
        image(ImageState.PENDING);

        AsgchefException e = assertThrows(AsgchefException.class, () -> step.apply(aws, resources));

        assertTrue(
                e.getMessage().startsWith("AMI ami-0abcdef1234567890 is pending, not available: wait for it"),
                e.getMessage());
        assertEquals(List.of("describeImages"), ec2.operations());
    }
}
