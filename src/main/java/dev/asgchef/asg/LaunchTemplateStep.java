package dev.asgchef.asg;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.Arn;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The launch template named after the group. A new template starts at version 1; when the latest version launches
 * something else (a new AMI, say), a new version is added and the group is later pointed at it. The template's
 * default version is left alone: the group always names its version.
 */
final class LaunchTemplateStep implements ResourceStep {
    private final GroupSpec spec;

    LaunchTemplateStep(GroupSpec spec) {
        this.spec = spec;
    }

    @Override
    public String title() {
        return LaunchKind.TEMPLATE.title();
    }

    @Override
    public String key() {
        return "launchTemplate";
    }

    @Override
    public Step plan() {
        return planned(
                spec.names().launchTemplate(), spec.launch().planned(LaunchKind.TEMPLATE, spec.userDataDescription()));
    }

    @Override
    public Applied apply(AsgClients aws, GroupResources resources) {
        Ec2Client ec2 = aws.ec2();
        String name = spec.names().launchTemplate();
        Images.requireAvailable(ec2, spec.ami(), aws.region());
        List<LaunchTemplate> found = ec2.describeLaunchTemplates(r -> r.filters(Filter.builder()
                        .name("launch-template-name")
                        .values(name)
                        .build()))
                .launchTemplates();
        if (found.isEmpty()) {
            LaunchTemplate created = ec2.createLaunchTemplate(r -> r.launchTemplateName(name)
                            .versionDescription("asgchef create-asg: " + spec.ami())
                            .launchTemplateData(spec.launch().templateData())
                            .tagSpecifications(tags()))
                    .launchTemplate();
            String id = created.launchTemplateId();
            resources.made(new GroupResources.Undo(
                    Action.DELETE, title(), () -> ec2.deleteLaunchTemplate(r -> r.launchTemplateId(id))));
            resources.launch(LaunchRef.template(id, name, created.latestVersionNumber()));
            return new Applied(Outcome.SUCCESS, null, templateFacts(created, name, created.latestVersionNumber(), aws));
        }
        LaunchTemplate template = found.get(0);
        String id = template.launchTemplateId();
        LaunchTemplateVersion latest = ec2.describeLaunchTemplateVersions(
                        r -> r.launchTemplateId(id).versions("$Latest"))
                .launchTemplateVersions()
                .get(0);
        Optional<LaunchSettings> current = LaunchSettings.of(latest.launchTemplateData());
        if (current.equals(Optional.of(spec.launch()))) {
            resources.launch(LaunchRef.template(id, name, latest.versionNumber()));
            return Applied.exists(templateFacts(template, name, latest.versionNumber(), aws));
        }
        long version = ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(id)
                        .versionDescription("asgchef create-asg: " + spec.ami())
                        .launchTemplateData(spec.launch().templateData()))
                .launchTemplateVersion()
                .versionNumber();
        resources.made(new GroupResources.Undo(
                Action.DELETE, title() + " version " + version, () -> deleteVersion(ec2, id, Long.toString(version))));
        resources.launch(LaunchRef.template(id, name, version));
        return new Applied(
                Outcome.UPDATED,
                "version " + version + ": " + changes(current, latest.versionNumber()),
                templateFacts(template, name, version, aws));
    }

    private String changes(Optional<LaunchSettings> current, long previous) {
        if (current.isEmpty()) {
            return "version " + previous + " allows IMDSv1";
        }
        LaunchSettings was = current.get();
        LaunchSettings now = spec.launch();
        List<String> changes = new ArrayList<>();
        ResourceStep.change(changes, "ImageId", was.imageId(), now.imageId());
        ResourceStep.change(changes, "InstanceType", was.instanceType(), now.instanceType());
        ResourceStep.change(
                changes, "KeyName", was.keyName().orElse("none"), now.keyName().orElse("none"));
        ResourceStep.change(
                changes,
                "IamInstanceProfile",
                was.instanceProfile().orElse("none"),
                now.instanceProfile().orElse("none"));
        ResourceStep.change(
                changes,
                "SecurityGroupIds",
                was.securityGroups().toString(),
                now.securityGroups().toString());
        if (!was.userData().equals(now.userData())) {
            changes.add("new UserData");
        }
        return String.join(", ", changes);
    }

    private static void deleteVersion(Ec2Client ec2, String id, String version) {
        DeleteLaunchTemplateVersionsResponse response =
                ec2.deleteLaunchTemplateVersions(r -> r.launchTemplateId(id).versions(version));
        if (response.hasUnsuccessfullyDeletedLaunchTemplateVersions()
                && !response.unsuccessfullyDeletedLaunchTemplateVersions().isEmpty()) {
            var error = response.unsuccessfullyDeletedLaunchTemplateVersions()
                    .get(0)
                    .responseError();
            throw new AsgchefException(
                    error == null
                            ? "version " + version + " was not deleted"
                            : error.codeAsString() + ": " + error.message());
        }
    }

    /** The template itself carries the group's tags, so its owner is plain in the console. */
    private TagSpecification tags() {
        List<Tag> tags = new ArrayList<>();
        spec.group()
                .tags()
                .forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return TagSpecification.builder()
                .resourceType(ResourceType.LAUNCH_TEMPLATE)
                .tags(tags)
                .build();
    }

    /** EC2 returns no template ARN; it is written from the creator's partition and account. */
    private static Map<String, Object> templateFacts(
            LaunchTemplate template, String name, long version, AsgClients aws) {
        String arn = Arn.parse(template.createdBy())
                .map(by -> by.sibling("ec2", aws.region(), "launch-template/" + template.launchTemplateId())
                        .toString())
                .orElse(null);
        return ResourceStep.facts("name", name, "id", template.launchTemplateId(), "version", version, "arn", arn);
    }
}
