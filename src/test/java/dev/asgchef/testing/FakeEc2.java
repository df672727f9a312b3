package dev.asgchef.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionResponse;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateIamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceMetadataOptions;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * An in-process EC2 of one region: images (each with the states successive looks will see), launch templates with
 * their versions, availability zones, instances with their states, and the tags CreateTags put. It checks what EC2
 * checks where the code depends on it (an unknown image, a template name taken, a version that does not exist).
 */
public final class FakeEc2 extends FakeClient<FakeEc2> implements Ec2Client {
    public static final String ACCOUNT = "123456789012";

    private static final class Template {
        final LaunchTemplate template;
        final List<ResponseLaunchTemplateData> versions = new ArrayList<>();

        Template(LaunchTemplate template) {
            this.template = template;
        }
    }

    private final Map<String, Deque<Image>> images = new ConcurrentHashMap<>();
    private final Set<String> unlisted = ConcurrentHashMap.newKeySet();
    private final Map<String, Template> templates = new LinkedHashMap<>();
    private final List<String> zones = new ArrayList<>();
    private final Map<String, String> instances = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    private int ids;

    public static Ec2Exception error(int status, String code, String message) {
        return error(Ec2Exception.builder(), status, code, message);
    }

    // ---- arranging and inspecting ----

    /** An image whose successive DescribeImages answers are these, the last repeated: pending, then available. */
    public FakeEc2 image(Image... looks) {
        images.put(looks[0].imageId(), new ArrayDeque<>(List.of(looks)));
        return this;
    }

    /** An image EC2 leaves out of its answer without an error, as it does for one deregistered long ago. */
    public FakeEc2 unlistedImage(String imageId) {
        unlisted.add(imageId);
        return this;
    }

    /** An existing launch template (its id, name, createdBy as EC2 describes it) with these versions, oldest first. */
    public synchronized FakeEc2 template(LaunchTemplate template, ResponseLaunchTemplateData... versions) {
        Template t = new Template(template);
        t.versions.addAll(List.of(versions));
        templates.put(template.launchTemplateName(), t);
        return this;
    }

    /** The available zones of the region. */
    public synchronized FakeEc2 zones(String... names) {
        zones.addAll(List.of(names));
        return this;
    }

    /** An instance and its state ({@code running}, {@code terminated}...); an instance never named is gone. */
    public FakeEc2 instance(String instanceId, String state) {
        instances.put(instanceId, state);
        return this;
    }

    /** A launch template as DescribeLaunchTemplates would show it. */
    public synchronized Optional<LaunchTemplate> findTemplate(String name) {
        return Optional.ofNullable(templates.get(name)).map(this::describe);
    }

    public synchronized Optional<LaunchTemplate> findTemplateById(String id) {
        return templates.values().stream()
                .filter(t -> t.template.launchTemplateId().equals(id))
                .findFirst()
                .map(this::describe);
    }

    /** Whether version {@code number} of template {@code id} exists (was made and not deleted). */
    public synchronized boolean hasVersion(String id, int number) {
        return findTemplateById(id).isPresent()
                && number >= 1
                && number <= template(id).versions.size()
                && template(id).versions.get(number - 1) != null;
    }

    public synchronized boolean hasNoTemplates() {
        return templates.isEmpty();
    }

    public synchronized List<ResponseLaunchTemplateData> templateVersions(String name) {
        Template t = templates.get(name);
        return t == null
                ? List.of()
                : t.versions.stream().filter(v -> v != null).toList();
    }

    public Map<String, String> tagsOf(String resourceId) {
        return tags.getOrDefault(resourceId, Map.of());
    }

    /** The instance ids each DescribeInstances asked about, call by call. */
    public List<List<String>> askedAbout() {
        return requests("describeInstances", DescribeInstancesRequest.class).stream()
                .map(FakeEc2::instanceIds)
                .toList();
    }

    // ---- images and tags ----

    @Override
    public DescribeImagesResponse describeImages(DescribeImagesRequest request) {
        enter("describeImages", request);
        List<Image> found = new ArrayList<>();
        for (String id : request.imageIds()) {
            if (unlisted.contains(id)) {
                continue;
            }
            Deque<Image> looks = images.get(id);
            if (looks == null) {
                throw error(400, "InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
            }
            synchronized (looks) {
                found.add(looks.size() > 1 ? looks.poll() : looks.peek());
            }
        }
        return DescribeImagesResponse.builder().images(found).build();
    }

    @Override
    public CreateTagsResponse createTags(CreateTagsRequest request) {
        enter("createTags", request);
        for (String id : request.resources()) {
            Map<String, String> on = tags.computeIfAbsent(id, k -> new ConcurrentHashMap<>());
            for (Tag t : request.tags()) {
                on.put(t.key(), t.value());
            }
        }
        return CreateTagsResponse.builder().build();
    }

    // ---- zones and instances ----

    @Override
    public synchronized DescribeAvailabilityZonesResponse describeAvailabilityZones(
            DescribeAvailabilityZonesRequest request) {
        enter("describeAvailabilityZones", request);
        return DescribeAvailabilityZonesResponse.builder()
                .availabilityZones(zones.stream()
                        .map(z -> AvailabilityZone.builder()
                                .zoneName(z)
                                .state("available")
                                .build())
                        .toList())
                .build();
    }

    @Override
    public DescribeInstancesResponse describeInstances(DescribeInstancesRequest request) {
        enter("describeInstances", request);
        List<Instance> found = instanceIds(request).stream()
                .filter(instances::containsKey)
                .map(id -> Instance.builder()
                        .instanceId(id)
                        .state(s -> s.name(instances.get(id)))
                        .build())
                .toList();
        return DescribeInstancesResponse.builder()
                .reservations(
                        found.isEmpty()
                                ? List.of()
                                : List.of(Reservation.builder().instances(found).build()))
                .build();
    }

    private static List<String> instanceIds(DescribeInstancesRequest request) {
        List<String> ids = new ArrayList<>(request.instanceIds());
        request.filters().stream()
                .filter(f -> f.name().equals("instance-id"))
                .map(Filter::values)
                .forEach(ids::addAll);
        return ids;
    }

    // ---- launch templates ----

    @Override
    public synchronized DescribeLaunchTemplatesResponse describeLaunchTemplates(
            DescribeLaunchTemplatesRequest request) {
        enter("describeLaunchTemplates", request);
        List<String> names = new ArrayList<>(request.launchTemplateNames());
        request.filters().stream()
                .filter(f -> f.name().equals("launch-template-name"))
                .forEach(f -> names.addAll(f.values()));
        return DescribeLaunchTemplatesResponse.builder()
                .launchTemplates(templates.values().stream()
                        .filter(t -> names.isEmpty() || names.contains(t.template.launchTemplateName()))
                        .map(this::describe)
                        .toList())
                .build();
    }

    @Override
    public synchronized CreateLaunchTemplateResponse createLaunchTemplate(CreateLaunchTemplateRequest request) {
        enter("createLaunchTemplate", request);
        String name = request.launchTemplateName();
        if (templates.containsKey(name)) {
            throw error(
                    400, "InvalidLaunchTemplateName.AlreadyExistsException", "Launch template name already in use.");
        }
        Template t = new Template(LaunchTemplate.builder()
                .launchTemplateId(String.format("lt-%017x", ++ids))
                .launchTemplateName(name)
                .createdBy("arn:aws:iam::" + ACCOUNT + ":user/ci")
                .defaultVersionNumber(1L)
                .build());
        t.versions.add(data(request.launchTemplateData()));
        templates.put(name, t);
        return CreateLaunchTemplateResponse.builder()
                .launchTemplate(describe(t))
                .build();
    }

    @Override
    public synchronized CreateLaunchTemplateVersionResponse createLaunchTemplateVersion(
            CreateLaunchTemplateVersionRequest request) {
        enter("createLaunchTemplateVersion", request);
        Template t = template(request.launchTemplateId());
        t.versions.add(data(request.launchTemplateData()));
        return CreateLaunchTemplateVersionResponse.builder()
                .launchTemplateVersion(version(t, t.versions.size()))
                .build();
    }

    @Override
    public synchronized DescribeLaunchTemplateVersionsResponse describeLaunchTemplateVersions(
            DescribeLaunchTemplateVersionsRequest request) {
        enter("describeLaunchTemplateVersions", request);
        Template t = template(request.launchTemplateId());
        List<LaunchTemplateVersion> found = new ArrayList<>();
        for (String v : request.versions()) {
            found.add(version(t, v.equals("$Latest") ? latest(t) : Integer.parseInt(v)));
        }
        return DescribeLaunchTemplateVersionsResponse.builder()
                .launchTemplateVersions(found)
                .build();
    }

    @Override
    public synchronized DeleteLaunchTemplateVersionsResponse deleteLaunchTemplateVersions(
            DeleteLaunchTemplateVersionsRequest request) {
        enter("deleteLaunchTemplateVersions", request);
        Template t = template(request.launchTemplateId());
        for (String v : request.versions()) {
            t.versions.set(Integer.parseInt(v) - 1, null);
        }
        return DeleteLaunchTemplateVersionsResponse.builder().build();
    }

    @Override
    public synchronized DeleteLaunchTemplateResponse deleteLaunchTemplate(DeleteLaunchTemplateRequest request) {
        enter("deleteLaunchTemplate", request);
        Template t = template(request.launchTemplateId());
        templates.remove(t.template.launchTemplateName());
        return DeleteLaunchTemplateResponse.builder().launchTemplate(t.template).build();
    }

    private Template template(String id) {
        return templates.values().stream()
                .filter(t -> t.template.launchTemplateId().equals(id))
                .findFirst()
                .orElseThrow(() ->
                        error(400, "InvalidLaunchTemplateId.NotFound", "The specified launch template does not exist"));
    }

    private static int latest(Template t) {
        for (int i = t.versions.size(); i > 0; i--) {
            if (t.versions.get(i - 1) != null) {
                return i;
            }
        }
        throw error(400, "InvalidLaunchTemplateId.VersionNotFound", "no version left");
    }

    private LaunchTemplate describe(Template t) {
        return t.template.toBuilder().latestVersionNumber((long) latest(t)).build();
    }

    private static LaunchTemplateVersion version(Template t, int number) {
        ResponseLaunchTemplateData data =
                number >= 1 && number <= t.versions.size() ? t.versions.get(number - 1) : null;
        if (data == null) {
            throw error(400, "InvalidLaunchTemplateId.VersionNotFound", "version " + number);
        }
        return LaunchTemplateVersion.builder()
                .launchTemplateId(t.template.launchTemplateId())
                .launchTemplateName(t.template.launchTemplateName())
                .versionNumber((long) number)
                .launchTemplateData(data)
                .build();
    }

    /** A version's data as EC2 describes what it was given. */
    private static ResponseLaunchTemplateData data(RequestLaunchTemplateData r) {
        ResponseLaunchTemplateData.Builder d = ResponseLaunchTemplateData.builder()
                .imageId(r.imageId())
                .instanceType(r.instanceTypeAsString())
                .keyName(r.keyName())
                .userData(r.userData())
                .securityGroupIds(r.securityGroupIds());
        if (r.iamInstanceProfile() != null) {
            d.iamInstanceProfile(LaunchTemplateIamInstanceProfileSpecification.builder()
                    .name(r.iamInstanceProfile().name())
                    .arn(r.iamInstanceProfile().arn())
                    .build());
        }
        if (r.metadataOptions() != null) {
            d.metadataOptions(LaunchTemplateInstanceMetadataOptions.builder()
                    .httpTokens(r.metadataOptions().httpTokensAsString())
                    .build());
        }
        return d.build();
    }

    @Override
    public String serviceName() {
        return "ec2";
    }
}
