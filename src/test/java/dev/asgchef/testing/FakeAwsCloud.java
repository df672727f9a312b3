package dev.asgchef.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.CreateLaunchConfigurationResponse;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteLaunchConfigurationResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteNotificationConfigurationResponse;
import software.amazon.awssdk.services.autoscaling.model.DeletePolicyResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteTagsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeLaunchConfigurationsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeNotificationConfigurationsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribePoliciesResponse;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.InstanceMetadataOptions;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.NotificationConfiguration;
import software.amazon.awssdk.services.autoscaling.model.PutNotificationConfigurationResponse;
import software.amazon.awssdk.services.autoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.autoscaling.model.StartInstanceRefreshResponse;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupResponse;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionResponse;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponseSuccessItem;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateIamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceMetadataOptions;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.StateReason;

/**
 * An in-process stand-in for the parts of EC2 Auto Scaling, EC2 and CloudWatch that create-asg, packer-postprocess and
 * drain-queue use, speaking their wire protocols to the real SDK clients: the AWS query protocol with XML answers for
 * Auto Scaling (2011-01-01), the EC2 query protocol for EC2 (2016-11-15), and Smithy RPC v2 CBOR for CloudWatch. It
 * keeps state, so a second run sees what the first made, and checks what the real services check where the commands
 * depend on it (names taken, unknown launch templates, a launch configuration still in use). Images are kept per region,
 * read from each request's SigV4 credential scope as EC2's regional endpoints keep them. Answers are SDK response
 * objects written out from the SDK's own field metadata, so element names are the ones the SDK's unmarshallers read.
 * Binds 127.0.0.1 on a free port.
 *
 * <p>CBOR is read and written with Jackson's public CBOR module (a test dependency), never the SDK's shaded copy.
 */
public final class FakeAwsCloud implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    public static final String CALLER = "arn:aws:iam::" + ACCOUNT + ":user/ci";
    public static final List<String> ZONES = List.of("us-east-1a", "us-east-1b");

    /** One request as received: the region it was signed for, its action and (query protocols) its form. */
    public record Request(String region, String action, Map<String, String> parameters) {}

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/");

    private static final String AUTOSCALING_VERSION = "2011-01-01";
    private static final String EC2_VERSION = "2016-11-15";
    private static final String CLOUDWATCH_PATH = "/service/GraniteServiceVersion20100801/operation/";
    private static final CBORFactory CBOR = new CBORFactory();

    /** A failure the fake answers an action with, as the service would. */
    private record Fault(int status, String code, String message) {}

    private static final class FaultException extends RuntimeException {
        final Fault fault;

        FaultException(int status, String code, String message) {
            super(message);
            this.fault = new Fault(status, code, message);
        }
    }

    private static final class Template {
        final String id;
        final String name;
        final List<ResponseLaunchTemplateData> versions = new ArrayList<>();

        Template(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Fault> faults = new TreeMap<>();
    /** Image states by region and id, {@code us-east-1/ami-...}. */
    private final Map<String, String> images = new LinkedHashMap<>();

    private final Map<String, Map<String, String>> imageTags = new ConcurrentHashMap<>();
    private final Map<String, Template> templates = new LinkedHashMap<>();
    private final Map<String, LaunchConfiguration> configurations = new LinkedHashMap<>();
    private final Map<String, AutoScalingGroup> groups = new LinkedHashMap<>();
    private final Map<String, ScalingPolicy> policies = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> alarms = new LinkedHashMap<>();
    private final List<NotificationConfiguration> notifications = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(0x1000);

    public FakeAwsCloud() throws IOException {
        // Without TCP_NODELAY each answer waits out the client's delayed ACK, about 40 ms a call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-aws-cloud");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ---- arranging and inspecting, for tests ----

    /** An AMI the account can launch, in {@link #REGION}. */
    public synchronized FakeAwsCloud image(String ami) {
        return image(REGION, ami, "available");
    }

    /** Registers (or changes) an image in a region: {@code available}, {@code pending}, {@code failed}... */
    public synchronized FakeAwsCloud image(String region, String ami, String state) {
        images.put(region + "/" + ami, state);
        return this;
    }

    /** The tags CreateTags put on an image. */
    public Map<String, String> tagsOf(String region, String ami) {
        return imageTags.getOrDefault(region + "/" + ami, Map.of());
    }

    /** Every later call of {@code action} fails as the service would, with this status, code and message. */
    public synchronized FakeAwsCloud failOn(String action, int status, String code, String message) {
        faults.put(action, new Fault(status, code, message));
        return this;
    }

    /** Puts a running instance in a group, launched from the given template version. */
    public synchronized void addInstance(String group, String instanceId, String templateVersion) {
        AutoScalingGroup g = groups.get(group);
        List<Instance> instances = new ArrayList<>(g.instances());
        instances.add(Instance.builder()
                .instanceId(instanceId)
                .availabilityZone(ZONES.get(0))
                .lifecycleState(LifecycleState.IN_SERVICE)
                .healthStatus("Healthy")
                .launchTemplate(
                        g.launchTemplate().toBuilder().version(templateVersion).build())
                .build());
        groups.put(group, g.toBuilder().instances(instances).build());
    }

    /** Every action called, in order, e.g. {@code DescribeImages}, {@code CreateLaunchTemplate}. */
    public List<String> calls() {
        return requests().stream().map(Request::action).toList();
    }

    /** Every request, in order, with its region and parameters. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The calls that change something: everything but Describe*. */
    public List<String> mutatingCalls() {
        return calls().stream().filter(c -> !c.startsWith("Describe")).toList();
    }

    public void forgetCalls() {
        requests.clear();
    }

    public synchronized Optional<AutoScalingGroup> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /** The data of every version of a launch template that still exists, oldest first; empty without a template. */
    public synchronized List<ResponseLaunchTemplateData> templateVersions(String name) {
        Template t = templates.get(name);
        return t == null
                ? List.of()
                : t.versions.stream().filter(java.util.Objects::nonNull).toList();
    }

    public synchronized List<String> launchConfigurations() {
        return List.copyOf(configurations.keySet());
    }

    public synchronized Optional<ScalingPolicy> policy(String group, String name) {
        return Optional.ofNullable(policies.get(group + "/" + name));
    }

    /** An alarm as PutMetricAlarm sent it (member names to values), plus its AlarmArn. */
    public synchronized Optional<Map<String, Object>> alarm(String name) {
        return Optional.ofNullable(alarms.get(name));
    }

    public synchronized List<NotificationConfiguration> notifications() {
        return List.copyOf(notifications);
    }

    /** True when nothing create-asg makes exists any more. */
    public synchronized boolean isEmpty() {
        return templates.isEmpty()
                && configurations.isEmpty()
                && groups.isEmpty()
                && policies.isEmpty()
                && alarms.isEmpty()
                && notifications.isEmpty();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- the wire ----

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (var in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        Matcher scope =
                SCOPE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String region = scope.find() ? scope.group(1) : "unsigned";
        try {
            if (path.startsWith(CLOUDWATCH_PATH)) {
                String action = path.substring(CLOUDWATCH_PATH.length());
                requests.add(new Request(region, action, Map.of()));
                Map<String, Object> answer;
                synchronized (this) {
                    fault(action);
                    answer = cloudWatch(action, readCbor(body));
                }
                exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
                send(exchange, 200, "application/cbor", writeCbor(answer));
                return;
            }
            Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
            String action = form.getOrDefault("Action", "");
            String version = form.getOrDefault("Version", "");
            requests.add(new Request(region, action, form));
            String xml;
            synchronized (this) {
                fault(action);
                if (version.equals(AUTOSCALING_VERSION)) {
                    xml = queryXml(action, autoScaling(action, form));
                } else if (version.equals(EC2_VERSION)) {
                    xml = ec2Xml(action, ec2(region, action, form));
                } else {
                    throw new FaultException(400, "InvalidAction", "no such service version " + version);
                }
            }
            send(exchange, 200, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
        } catch (FaultException e) {
            sendFault(exchange, path, body, e.fault);
        } catch (RuntimeException e) {
            sendFault(exchange, path, body, new Fault(500, "InternalFailure", "fake: " + e));
        }
    }

    private void fault(String action) {
        Fault f = faults.get(action);
        if (f != null) {
            throw new FaultException(f.status(), f.code(), f.message());
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static void sendFault(HttpExchange exchange, String path, byte[] body, Fault f) throws IOException {
        if (path.startsWith(CLOUDWATCH_PATH)) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("__type", "com.amazonaws.cloudwatch#" + f.code());
            error.put("message", f.message());
            exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
            exchange.getResponseHeaders().add("x-amzn-query-error", f.code() + ";Sender");
            send(exchange, f.status(), "application/cbor", writeCbor(error));
            return;
        }
        String xml;
        if (EC2_VERSION.equals(form(new String(body, StandardCharsets.UTF_8)).get("Version"))) {
            xml = "<Response><Errors><Error><Code>" + esc(f.code()) + "</Code><Message>" + esc(f.message())
                    + "</Message></Error></Errors><RequestID>fake</RequestID></Response>";
        } else {
            xml = "<ErrorResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"><Error><Type>Sender"
                    + "</Type><Code>" + esc(f.code()) + "</Code><Message>" + esc(f.message())
                    + "</Message></Error><RequestId>fake</RequestId></ErrorResponse>";
        }
        send(exchange, f.status(), "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    // ---- Auto Scaling ----

    private SdkPojo autoScaling(String action, Map<String, String> f) {
        switch (action) {
            case "DescribeAutoScalingGroups" -> {
                List<String> names = list(f, "AutoScalingGroupNames");
                return DescribeAutoScalingGroupsResponse.builder()
                        .autoScalingGroups(groups.values().stream()
                                .filter(g -> names.isEmpty() || names.contains(g.autoScalingGroupName()))
                                .toList())
                        .build();
            }
            case "CreateAutoScalingGroup" -> {
                String name = f.get("AutoScalingGroupName");
                if (groups.containsKey(name)) {
                    throw new FaultException(400, "AlreadyExists", "AutoScalingGroup by this name already exists");
                }
                AutoScalingGroup.Builder g = AutoScalingGroup.builder()
                        .autoScalingGroupName(name)
                        .autoScalingGroupARN("arn:aws:autoscaling:" + REGION + ":" + ACCOUNT + ":autoScalingGroup:"
                                + UUID.randomUUID() + ":autoScalingGroupName/" + name)
                        .createdTime(Instant.parse("2025-03-01T12:00:00Z"))
                        .healthCheckType("EC2")
                        .healthCheckGracePeriod(0)
                        .defaultCooldown(300)
                        .instances(List.of())
                        .tags(List.of());
                launch(g, f);
                groups.put(name, update(g.build(), f));
                return CreateAutoScalingGroupResponse.builder().build();
            }
            case "UpdateAutoScalingGroup" -> {
                AutoScalingGroup g = existingGroup(f.get("AutoScalingGroupName"));
                AutoScalingGroup.Builder b = g.toBuilder();
                if (f.containsKey("LaunchTemplate.Version") || f.containsKey("LaunchConfigurationName")) {
                    launch(b, f);
                }
                groups.put(g.autoScalingGroupName(), update(b.build(), f));
                return UpdateAutoScalingGroupResponse.builder().build();
            }
            case "DeleteAutoScalingGroup" -> {
                AutoScalingGroup g = existingGroup(f.get("AutoScalingGroupName"));
                if (!g.instances().isEmpty() && !"true".equals(f.get("ForceDelete"))) {
                    throw new FaultException(
                            400,
                            "ResourceInUse",
                            "You cannot delete an AutoScalingGroup while there"
                                    + " are instances or pending Spot instance request(s) still in the group.");
                }
                String name = g.autoScalingGroupName();
                groups.remove(name);
                policies.keySet().removeIf(k -> k.startsWith(name + "/"));
                notifications.removeIf(n -> n.autoScalingGroupName().equals(name));
                return DeleteAutoScalingGroupResponse.builder().build();
            }
            case "CreateOrUpdateTags" -> {
                for (Map<String, String> t : structs(f, "Tags")) {
                    AutoScalingGroup g = existingGroup(t.get("ResourceId"));
                    List<TagDescription> tags = new ArrayList<>(g.tags());
                    tags.removeIf(d -> d.key().equals(t.get("Key")));
                    tags.add(tag(g.autoScalingGroupName(), t));
                    groups.put(
                            g.autoScalingGroupName(), g.toBuilder().tags(tags).build());
                }
                return CreateOrUpdateTagsResponse.builder().build();
            }
            case "DeleteTags" -> {
                for (Map<String, String> t : structs(f, "Tags")) {
                    AutoScalingGroup g = existingGroup(t.get("ResourceId"));
                    List<TagDescription> tags = new ArrayList<>(g.tags());
                    tags.removeIf(d -> d.key().equals(t.get("Key")));
                    groups.put(
                            g.autoScalingGroupName(), g.toBuilder().tags(tags).build());
                }
                return DeleteTagsResponse.builder().build();
            }
            case "CreateLaunchConfiguration" -> {
                String name = f.get("LaunchConfigurationName");
                if (configurations.containsKey(name)) {
                    throw new FaultException(400, "AlreadyExists", "Launch Configuration by this name already exists");
                }
                configurations.put(
                        name,
                        LaunchConfiguration.builder()
                                .launchConfigurationName(name)
                                .launchConfigurationARN("arn:aws:autoscaling:" + REGION + ":" + ACCOUNT
                                        + ":launchConfiguration:" + UUID.randomUUID() + ":launchConfigurationName/"
                                        + name)
                                .imageId(f.get("ImageId"))
                                .instanceType(f.get("InstanceType"))
                                .keyName(f.getOrDefault("KeyName", ""))
                                .iamInstanceProfile(f.get("IamInstanceProfile"))
                                .securityGroups(list(f, "SecurityGroups"))
                                .userData(f.get("UserData"))
                                .metadataOptions(InstanceMetadataOptions.builder()
                                        .httpTokens(f.get("MetadataOptions.HttpTokens"))
                                        .build())
                                .build());
                return CreateLaunchConfigurationResponse.builder().build();
            }
            case "DescribeLaunchConfigurations" -> {
                List<String> names = list(f, "LaunchConfigurationNames");
                return DescribeLaunchConfigurationsResponse.builder()
                        .launchConfigurations(configurations.values().stream()
                                .filter(c -> names.isEmpty() || names.contains(c.launchConfigurationName()))
                                .toList())
                        .build();
            }
            case "DeleteLaunchConfiguration" -> {
                String name = f.get("LaunchConfigurationName");
                if (groups.values().stream().anyMatch(g -> name.equals(g.launchConfigurationName()))) {
                    throw new FaultException(
                            400,
                            "ResourceInUse",
                            "Cannot delete launch configuration " + name + " because it is"
                                    + " attached to AutoScalingGroup");
                }
                if (configurations.remove(name) == null) {
                    throw new FaultException(400, "ValidationError", "Launch configuration name not found");
                }
                return DeleteLaunchConfigurationResponse.builder().build();
            }
            case "DescribePolicies" -> {
                String group = f.get("AutoScalingGroupName");
                List<String> names = list(f, "PolicyNames");
                return DescribePoliciesResponse.builder()
                        .scalingPolicies(policies.values().stream()
                                .filter(p -> group == null || group.equals(p.autoScalingGroupName()))
                                .filter(p -> names.isEmpty() || names.contains(p.policyName()))
                                .toList())
                        .build();
            }
            case "PutScalingPolicy" -> {
                String group = existingGroup(f.get("AutoScalingGroupName")).autoScalingGroupName();
                String name = f.get("PolicyName");
                ScalingPolicy old = policies.get(group + "/" + name);
                String arn = old != null
                        ? old.policyARN()
                        : "arn:aws:autoscaling:" + REGION + ":" + ACCOUNT + ":scalingPolicy:" + UUID.randomUUID()
                                + ":autoScalingGroupName/" + group + ":policyName/" + name;
                policies.put(
                        group + "/" + name,
                        ScalingPolicy.builder()
                                .autoScalingGroupName(group)
                                .policyName(name)
                                .policyARN(arn)
                                .policyType(f.getOrDefault("PolicyType", "SimpleScaling"))
                                .adjustmentType(f.get("AdjustmentType"))
                                .scalingAdjustment(integer(f, "ScalingAdjustment"))
                                .cooldown(integer(f, "Cooldown"))
                                .enabled(true)
                                .build());
                return PutScalingPolicyResponse.builder().policyARN(arn).build();
            }
            case "DeletePolicy" -> {
                if (policies.remove(f.get("AutoScalingGroupName") + "/" + f.get("PolicyName")) == null) {
                    throw new FaultException(400, "ValidationError", "Policy not found");
                }
                return DeletePolicyResponse.builder().build();
            }
            case "DescribeNotificationConfigurations" -> {
                List<String> names = list(f, "AutoScalingGroupNames");
                return DescribeNotificationConfigurationsResponse.builder()
                        .notificationConfigurations(notifications.stream()
                                .filter(n -> names.isEmpty() || names.contains(n.autoScalingGroupName()))
                                .toList())
                        .build();
            }
            case "PutNotificationConfiguration" -> {
                String group = existingGroup(f.get("AutoScalingGroupName")).autoScalingGroupName();
                String topic = f.get("TopicARN");
                notifications.removeIf(n ->
                        n.autoScalingGroupName().equals(group) && n.topicARN().equals(topic));
                for (String type : list(f, "NotificationTypes")) {
                    notifications.add(NotificationConfiguration.builder()
                            .autoScalingGroupName(group)
                            .topicARN(topic)
                            .notificationType(type)
                            .build());
                }
                return PutNotificationConfigurationResponse.builder().build();
            }
            case "DeleteNotificationConfiguration" -> {
                String group = f.get("AutoScalingGroupName");
                String topic = f.get("TopicARN");
                notifications.removeIf(n ->
                        n.autoScalingGroupName().equals(group) && n.topicARN().equals(topic));
                return DeleteNotificationConfigurationResponse.builder().build();
            }
            case "StartInstanceRefresh" -> {
                existingGroup(f.get("AutoScalingGroupName"));
                return StartInstanceRefreshResponse.builder()
                        .instanceRefreshId(UUID.randomUUID().toString())
                        .build();
            }
            default -> throw new FaultException(400, "InvalidAction", "the fake does not know " + action);
        }
    }

    private AutoScalingGroup existingGroup(String name) {
        AutoScalingGroup g = groups.get(name);
        if (g == null) {
            throw new FaultException(400, "ValidationError", "AutoScalingGroup name not found - " + name);
        }
        return g;
    }

    private void launch(AutoScalingGroup.Builder g, Map<String, String> f) {
        if (f.containsKey("LaunchConfigurationName")) {
            String name = f.get("LaunchConfigurationName");
            if (!configurations.containsKey(name)) {
                throw new FaultException(400, "ValidationError", "Launch configuration name not found - " + name);
            }
            g.launchConfigurationName(name).launchTemplate((LaunchTemplateSpecification) null);
            return;
        }
        String id = f.get("LaunchTemplate.LaunchTemplateId");
        String version = f.get("LaunchTemplate.Version");
        Template t = templates.values().stream()
                .filter(x -> x.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new FaultException(
                        400,
                        "ValidationError",
                        "You must use a valid fully-formed launch template. The specified launch template, with"
                                + " template ID " + id + ", does not exist."));
        int number = Integer.parseInt(version);
        if (number < 1 || number > t.versions.size() || t.versions.get(number - 1) == null) {
            throw new FaultException(400, "ValidationError", "The specified launch template version does not exist");
        }
        g.launchTemplate(LaunchTemplateSpecification.builder()
                        .launchTemplateId(t.id)
                        .launchTemplateName(t.name)
                        .version(version)
                        .build())
                .launchConfigurationName(null);
    }

    private static AutoScalingGroup update(AutoScalingGroup g, Map<String, String> f) {
        AutoScalingGroup.Builder b = g.toBuilder();
        Optional.ofNullable(integer(f, "MinSize")).ifPresent(b::minSize);
        Optional.ofNullable(integer(f, "MaxSize")).ifPresent(b::maxSize);
        Optional.ofNullable(integer(f, "DesiredCapacity")).ifPresent(b::desiredCapacity);
        Optional.ofNullable(integer(f, "DefaultCooldown")).ifPresent(b::defaultCooldown);
        Optional.ofNullable(integer(f, "HealthCheckGracePeriod")).ifPresent(b::healthCheckGracePeriod);
        Optional.ofNullable(f.get("HealthCheckType")).ifPresent(b::healthCheckType);
        Optional.ofNullable(f.get("VPCZoneIdentifier")).ifPresent(b::vpcZoneIdentifier);
        List<String> zones = list(f, "AvailabilityZones");
        if (!zones.isEmpty()) {
            b.availabilityZones(zones);
        }
        List<Map<String, String>> tags = structs(f, "Tags");
        if (!tags.isEmpty()) {
            b.tags(tags.stream().map(t -> tag(g.autoScalingGroupName(), t)).toList());
        }
        AutoScalingGroup updated = b.build();
        if (updated.minSize() > updated.maxSize()) {
            throw new FaultException(
                    400,
                    "ValidationError",
                    "Max bound, " + updated.maxSize() + ", must be greater than or equal to min bound, "
                            + updated.minSize());
        }
        // As Auto Scaling does: a desired capacity outside new bounds moves to the nearest bound.
        int desired = updated.desiredCapacity() == null ? updated.minSize() : updated.desiredCapacity();
        return updated.toBuilder()
                .desiredCapacity(Math.max(updated.minSize(), Math.min(updated.maxSize(), desired)))
                .build();
    }

    private static TagDescription tag(String group, Map<String, String> t) {
        return TagDescription.builder()
                .resourceId(group)
                .resourceType("auto-scaling-group")
                .key(t.get("Key"))
                .value(t.getOrDefault("Value", ""))
                .propagateAtLaunch("true".equals(t.get("PropagateAtLaunch")))
                .build();
    }

    // ---- EC2 ----

    private SdkPojo ec2(String region, String action, Map<String, String> f) {
        switch (action) {
            case "DescribeImages" -> {
                List<Image> found = new ArrayList<>();
                for (String id : list(f, "ImageId")) {
                    String state = images.get(region + "/" + id);
                    if (state == null) {
                        throw new FaultException(
                                400, "InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
                    }
                    Image.Builder image =
                            Image.builder().imageId(id).name("web-build").state(state);
                    if (state.equals("failed")) {
                        image.stateReason(StateReason.builder()
                                .code("Client.InternalError")
                                .message("Snapshot copy failed")
                                .build());
                    }
                    found.add(image.build());
                }
                return DescribeImagesResponse.builder().images(found).build();
            }
            case "CreateTags" -> {
                for (String id : list(f, "ResourceId")) {
                    Map<String, String> tags =
                            imageTags.computeIfAbsent(region + "/" + id, k -> new ConcurrentHashMap<>());
                    for (Map<String, String> tag : structs(f, "Tag")) {
                        tags.put(tag.get("Key"), tag.getOrDefault("Value", ""));
                    }
                }
                return CreateTagsResponse.builder().build();
            }
            case "DescribeInstances" -> {
                // The fake runs no instances: every instance asked about is gone, as drain-queue's check sees it.
                return DescribeInstancesResponse.builder().build();
            }
            case "DescribeAvailabilityZones" -> {
                return DescribeAvailabilityZonesResponse.builder()
                        .availabilityZones(ZONES.stream()
                                .map(z -> AvailabilityZone.builder()
                                        .zoneName(z)
                                        .state("available")
                                        .build())
                                .toList())
                        .build();
            }
            case "DescribeLaunchTemplates" -> {
                List<String> names = new ArrayList<>();
                for (Map<String, String> filter : structs(f, "Filter")) {
                    if ("launch-template-name".equals(filter.get("Name"))) {
                        filter.entrySet().stream()
                                .filter(e -> e.getKey().startsWith("Value."))
                                .forEach(e -> names.add(e.getValue()));
                    }
                }
                return DescribeLaunchTemplatesResponse.builder()
                        .launchTemplates(templates.values().stream()
                                .filter(t -> names.isEmpty() || names.contains(t.name))
                                .map(this::describe)
                                .toList())
                        .build();
            }
            case "CreateLaunchTemplate" -> {
                String name = f.get("LaunchTemplateName");
                if (templates.containsKey(name)) {
                    throw new FaultException(
                            400,
                            "InvalidLaunchTemplateName.AlreadyExistsException",
                            "Launch template name already in use.");
                }
                Template t = new Template(String.format("lt-%017x", ids.incrementAndGet()), name);
                t.versions.add(templateData(f));
                templates.put(name, t);
                return CreateLaunchTemplateResponse.builder()
                        .launchTemplate(describe(t))
                        .build();
            }
            case "CreateLaunchTemplateVersion" -> {
                Template t = template(f);
                t.versions.add(templateData(f));
                return CreateLaunchTemplateVersionResponse.builder()
                        .launchTemplateVersion(version(t, t.versions.size()))
                        .build();
            }
            case "DescribeLaunchTemplateVersions" -> {
                Template t = template(f);
                List<LaunchTemplateVersion> found = new ArrayList<>();
                for (String v : list(f, "LaunchTemplateVersion")) {
                    int number = v.equals("$Latest") ? latest(t) : Integer.parseInt(v);
                    found.add(version(t, number));
                }
                return DescribeLaunchTemplateVersionsResponse.builder()
                        .launchTemplateVersions(found)
                        .build();
            }
            case "DeleteLaunchTemplateVersions" -> {
                Template t = template(f);
                List<DeleteLaunchTemplateVersionsResponseSuccessItem> deleted = new ArrayList<>();
                for (String v : list(f, "LaunchTemplateVersion")) {
                    t.versions.set(Integer.parseInt(v) - 1, null);
                    deleted.add(DeleteLaunchTemplateVersionsResponseSuccessItem.builder()
                            .launchTemplateId(t.id)
                            .versionNumber(Long.parseLong(v))
                            .build());
                }
                return DeleteLaunchTemplateVersionsResponse.builder()
                        .successfullyDeletedLaunchTemplateVersions(deleted)
                        .build();
            }
            case "DeleteLaunchTemplate" -> {
                Template t = template(f);
                templates.remove(t.name);
                return DeleteLaunchTemplateResponse.builder()
                        .launchTemplate(describe(t))
                        .build();
            }
            default -> throw new FaultException(400, "InvalidAction", "the fake does not know " + action);
        }
    }

    private Template template(Map<String, String> f) {
        String id = f.get("LaunchTemplateId");
        return templates.values().stream()
                .filter(t -> t.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new FaultException(
                        400, "InvalidLaunchTemplateId.NotFound", "The specified launch template does not exist"));
    }

    private static int latest(Template t) {
        for (int i = t.versions.size(); i > 0; i--) {
            if (t.versions.get(i - 1) != null) {
                return i;
            }
        }
        throw new FaultException(400, "InvalidLaunchTemplateId.VersionNotFound", "no version left");
    }

    private LaunchTemplate describe(Template t) {
        return LaunchTemplate.builder()
                .launchTemplateId(t.id)
                .launchTemplateName(t.name)
                .createdBy(CALLER)
                .createTime(Instant.parse("2025-03-01T12:00:00Z"))
                .defaultVersionNumber(1L)
                .latestVersionNumber((long) latest(t))
                .build();
    }

    private static LaunchTemplateVersion version(Template t, int number) {
        ResponseLaunchTemplateData data =
                number >= 1 && number <= t.versions.size() ? t.versions.get(number - 1) : null;
        if (data == null) {
            throw new FaultException(400, "InvalidLaunchTemplateId.VersionNotFound", "version " + number);
        }
        return LaunchTemplateVersion.builder()
                .launchTemplateId(t.id)
                .launchTemplateName(t.name)
                .versionNumber((long) number)
                .createdBy(CALLER)
                .launchTemplateData(data)
                .build();
    }

    private static ResponseLaunchTemplateData templateData(Map<String, String> f) {
        String p = "LaunchTemplateData.";
        ResponseLaunchTemplateData.Builder d = ResponseLaunchTemplateData.builder()
                .imageId(f.get(p + "ImageId"))
                .instanceType(f.get(p + "InstanceType"))
                .keyName(f.get(p + "KeyName"))
                .userData(f.get(p + "UserData"))
                .securityGroupIds(list(f, p + "SecurityGroupId"));
        if (f.containsKey(p + "IamInstanceProfile.Name") || f.containsKey(p + "IamInstanceProfile.Arn")) {
            d.iamInstanceProfile(LaunchTemplateIamInstanceProfileSpecification.builder()
                    .name(f.get(p + "IamInstanceProfile.Name"))
                    .arn(f.get(p + "IamInstanceProfile.Arn"))
                    .build());
        }
        if (f.containsKey(p + "MetadataOptions.HttpTokens")) {
            d.metadataOptions(LaunchTemplateInstanceMetadataOptions.builder()
                    .httpTokens(f.get(p + "MetadataOptions.HttpTokens"))
                    .build());
        }
        return d.build();
    }

    // ---- CloudWatch ----

    private Map<String, Object> cloudWatch(String action, Map<String, Object> in) {
        switch (action) {
            case "DescribeAlarms" -> {
                @SuppressWarnings("unchecked")
                List<Object> names = (List<Object>) in.getOrDefault("AlarmNames", List.of());
                List<Object> found = alarms.values().stream()
                        .filter(a -> names.isEmpty() || names.contains(a.get("AlarmName")))
                        .map(a -> (Object) a)
                        .toList();
                return Map.of("MetricAlarms", found, "CompositeAlarms", List.of());
            }
            case "PutMetricAlarm" -> {
                String name = (String) in.get("AlarmName");
                Map<String, Object> alarm = new LinkedHashMap<>(in);
                alarm.put("AlarmArn", "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + name);
                alarm.put("StateValue", "INSUFFICIENT_DATA");
                alarms.put(name, alarm);
                return Map.of();
            }
            case "DeleteAlarms" -> {
                @SuppressWarnings("unchecked")
                List<Object> names = (List<Object>) in.get("AlarmNames");
                for (Object n : names) {
                    if (alarms.remove(n) == null) {
                        throw new FaultException(404, "ResourceNotFound", "Alarm not found: " + n);
                    }
                }
                return Map.of();
            }
            default -> throw new FaultException(400, "InvalidAction", "the fake does not know " + action);
        }
    }

    // ---- encodings ----

    /** The form-encoded body of a query-protocol request. */
    static Map<String, String> form(String body) {
        Map<String, String> form = new TreeMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    /** A list parameter: {@code NAME.member.N} (Auto Scaling) or {@code NAME.N} (EC2), in order of N. */
    static List<String> list(Map<String, String> form, String name) {
        Pattern p = Pattern.compile(Pattern.quote(name) + "\\.(?:member\\.)?(\\d+)");
        Map<Integer, String> items = new TreeMap<>();
        form.forEach((k, v) -> {
            Matcher m = p.matcher(k);
            if (m.matches()) {
                items.put(Integer.parseInt(m.group(1)), v);
            }
        });
        return List.copyOf(items.values());
    }

    /** A list of structures: {@code NAME.member.N.Field} or {@code NAME.N.Field}, each as a map of its fields. */
    static List<Map<String, String>> structs(Map<String, String> form, String name) {
        Pattern p = Pattern.compile(Pattern.quote(name) + "\\.(?:member\\.)?(\\d+)\\.(.+)");
        Map<Integer, Map<String, String>> items = new TreeMap<>();
        form.forEach((k, v) -> {
            Matcher m = p.matcher(k);
            if (m.matches()) {
                items.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new TreeMap<>())
                        .put(m.group(2), v);
            }
        });
        return List.copyOf(items.values());
    }

    private static Integer integer(Map<String, String> form, String name) {
        String v = form.get(name);
        return v == null ? null : Integer.valueOf(v);
    }

    private static String queryXml(String action, SdkPojo response) {
        StringBuilder x = new StringBuilder("<" + action + "Response xmlns=\"http://autoscaling.amazonaws.com/doc/"
                + AUTOSCALING_VERSION + "/\"><" + action + "Result>");
        fields(x, response);
        return x.append("</")
                .append(action)
                .append("Result><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></")
                .append(action)
                .append("Response>")
                .toString();
    }

    private static String ec2Xml(String action, SdkPojo response) {
        StringBuilder x = new StringBuilder(
                "<" + action + "Response xmlns=\"http://ec2.amazonaws.com/doc/" + EC2_VERSION + "/\">");
        x.append("<requestId>fake</requestId>");
        fields(x, response);
        return x.append("</").append(action).append("Response>").toString();
    }

    /** Writes every set field of {@code pojo} under the element name the SDK's unmarshaller reads. */
    private static void fields(StringBuilder x, SdkPojo pojo) {
        for (SdkField<?> f : pojo.sdkFields()) {
            element(x, f, f.unmarshallLocationName(), f.getValueOrDefault(pojo));
        }
    }

    private static void element(StringBuilder x, SdkField<?> field, String name, Object value) {
        if (value == null || value instanceof SdkAutoConstructList) {
            return;
        }
        x.append('<').append(name).append('>');
        if (value instanceof List<?> list) {
            ListTrait trait = field.getTrait(ListTrait.class);
            String member = trait.memberLocationName() == null ? "member" : trait.memberLocationName();
            for (Object item : list) {
                element(x, trait.memberFieldInfo(), member, item);
            }
        } else if (value instanceof SdkPojo pojo) {
            fields(x, pojo);
        } else {
            x.append(esc(value.toString()));
        }
        x.append("</").append(name).append('>');
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Map<String, Object> readCbor(byte[] body) throws IOException {
        if (body.length == 0) {
            return Map.of();
        }
        try (JsonParser p = CBOR.createParser(body)) {
            p.nextToken();
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) readValue(p);
            return map;
        }
    }

    private static Object readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, readValue(p));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            default -> {
                return null;
            }
        }
    }

    private static byte[] writeCbor(Map<String, Object> value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = CBOR.createGenerator(out)) {
            writeValue(g, value);
        }
        return out.toByteArray();
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeNull();
        }
    }
}
