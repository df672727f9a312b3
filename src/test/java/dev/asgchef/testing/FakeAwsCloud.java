package dev.asgchef.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.NotificationConfiguration;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.StateReason;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The in-process fakes of EC2 Auto Scaling, EC2 and CloudWatch behind their wire protocols, on a loopback port, for
 * end-to-end tests of the real SDK clients: the AWS query protocol with XML answers for Auto Scaling (2011-01-01), the
 * EC2 query protocol (2016-11-15), and Smithy RPC v2 CBOR for CloudWatch. Each request is decoded into the SDK's own
 * request object and handed to {@link FakeAutoScaling}, {@link FakeEc2} (one per region, read from the request's SigV4
 * credential scope, as EC2's regional endpoints keep images) or {@link FakeCloudWatch}; the answer, or the service error
 * the fake threw, is written back. Both directions go by the SDK's field metadata, so names on the wire are the ones the
 * SDK's marshallers write and its unmarshallers read: what the fakes know, this knows, with no second model.
 *
 * <p>CBOR is read and written with Jackson's public CBOR module (a test dependency), never the SDK's shaded copy.
 */
public final class FakeAwsCloud implements AutoCloseable {
    public static final String REGION = FakeAutoScaling.REGION;
    public static final String ACCOUNT = FakeAutoScaling.ACCOUNT;
    public static final List<String> ZONES = List.of("us-east-1a", "us-east-1b");

    /** One request as received: the region it was signed for, its action and (query protocols) its form. */
    public record Request(String region, String action, Map<String, String> parameters) {}

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/");
    private static final String AUTOSCALING_VERSION = "2011-01-01";
    private static final String STS_VERSION = "2011-06-15";
    private static final String EC2_VERSION = "2016-11-15";
    private static final String CLOUDWATCH_PATH = "/service/GraniteServiceVersion20100801/operation/";
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    /** A failure the fake answers an action with, as the service would. */
    private record Fault(int status, String code, String message) {}

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, FakeEc2> ec2 = new ConcurrentHashMap<>();
    private final FakeAutoScaling autoScaling = new FakeAutoScaling(REGION, ACCOUNT).launchTemplatesFrom(ec2(REGION));
    private final FakeCloudWatch cloudWatch = new FakeCloudWatch(REGION, ACCOUNT);
    private final FakeSts sts = new FakeSts(ACCOUNT);

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

    // ---- the services behind the door, and shortcuts for tests ----

    public FakeAutoScaling autoScaling() {
        return autoScaling;
    }

    /** STS, whose GetCallerIdentity names {@link #ACCOUNT}. */
    public FakeSts sts() {
        return sts;
    }

    public FakeCloudWatch cloudWatch() {
        return cloudWatch;
    }

    /** EC2 in one region; each region has its own images. */
    public FakeEc2 ec2(String region) {
        return ec2.computeIfAbsent(region, r -> new FakeEc2().zones(ZONES.toArray(String[]::new)));
    }

    /** An AMI the account can launch, in {@link #REGION}. */
    public FakeAwsCloud image(String ami) {
        return image(REGION, ami, "available");
    }

    /** Registers (or changes) an image in a region: {@code available}, {@code pending}, {@code failed}... */
    public FakeAwsCloud image(String region, String ami, String state) {
        Image.Builder image = Image.builder().imageId(ami).name("web-build").state(state);
        if (state.equals("failed")) {
            image.stateReason(StateReason.builder()
                    .code("Client.InternalError")
                    .message("Snapshot copy failed")
                    .build());
        }
        ec2(region).image(image.build());
        return this;
    }

    /** The tags CreateTags put on an image. */
    public Map<String, String> tagsOf(String region, String ami) {
        return ec2(region).tagsOf(ami);
    }

    /** Every later call of {@code action} fails as the service would, with this status, code and message. */
    public FakeAwsCloud failOn(String action, int status, String code, String message) {
        faults.put(action, new Fault(status, code, message));
        return this;
    }

    /** Puts a running instance in a group, launched from the given template version. */
    public void addInstance(String group, String instanceId, String templateVersion) {
        AutoScalingGroup g = autoScaling.findGroup(group).orElseThrow();
        List<Instance> instances = new ArrayList<>(g.instances());
        instances.add(Instance.builder()
                .instanceId(instanceId)
                .availabilityZone(ZONES.get(0))
                .lifecycleState(LifecycleState.IN_SERVICE)
                .healthStatus("Healthy")
                .launchTemplate(
                        g.launchTemplate().toBuilder().version(templateVersion).build())
                .build());
        autoScaling.group(g.toBuilder().instances(instances).build());
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

    public Optional<AutoScalingGroup> group(String name) {
        return autoScaling.findGroup(name);
    }

    /** The data of every version of a launch template that still exists, oldest first; empty without a template. */
    public List<ResponseLaunchTemplateData> templateVersions(String name) {
        return ec2(REGION).templateVersions(name);
    }

    public List<String> launchConfigurations() {
        return autoScaling.launchConfigurations();
    }

    public Optional<ScalingPolicy> policy(String group, String name) {
        return autoScaling.findPolicy(group, name);
    }

    public Optional<MetricAlarm> alarm(String name) {
        return cloudWatch.findAlarm(name);
    }

    public List<NotificationConfiguration> notifications() {
        return autoScaling.notifications();
    }

    /** True when nothing create-asg makes exists any more. */
    public boolean isEmpty() {
        return autoScaling.isEmpty() && ec2(REGION).hasNoTemplates() && cloudWatch.isEmpty();
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
        boolean cbor = path.startsWith(CLOUDWATCH_PATH);
        Map<String, String> form = cbor ? Map.of() : form(new String(body, StandardCharsets.UTF_8));
        String action = cbor ? path.substring(CLOUDWATCH_PATH.length()) : form.getOrDefault("Action", "");
        String version = form.getOrDefault("Version", "");
        requests.add(new Request(region, action, form));
        try {
            Fault fault = faults.get(action);
            if (fault != null) {
                throw new FaultException(fault);
            }
            if (cbor) {
                SdkPojo response = call(cloudWatch, CloudWatchClient.class, action, b -> fromCbor(b, cborMap(body)));
                exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
                send(exchange, 200, "application/cbor", CBOR.writeValueAsBytes(toCbor(response)));
            } else if (version.equals(AUTOSCALING_VERSION)) {
                SdkPojo response = call(autoScaling, AutoScalingClient.class, action, b -> fromForm(b, form, ""));
                send(exchange, 200, "text/xml", bytes(queryXml(action, response)));
            } else if (version.equals(STS_VERSION)) {
                // STS speaks the same query protocol as Auto Scaling; the SDK reads the answer by element names.
                SdkPojo response = call(sts, StsClient.class, action, b -> fromForm(b, form, ""));
                send(exchange, 200, "text/xml", bytes(queryXml(action, response)));
            } else if (version.equals(EC2_VERSION)) {
                SdkPojo response = call(ec2(region), Ec2Client.class, action, b -> fromForm(b, form, ""));
                send(exchange, 200, "text/xml", bytes(ec2Xml(action, response)));
            } else {
                throw new FaultException(new Fault(400, "InvalidAction", "no such service version " + version));
            }
        } catch (FaultException e) {
            sendFault(exchange, cbor, version, e.fault);
        } catch (AwsServiceException e) {
            sendFault(
                    exchange,
                    cbor,
                    version,
                    new Fault(
                            e.statusCode(),
                            e.awsErrorDetails().errorCode(),
                            e.awsErrorDetails().errorMessage()));
        } catch (RuntimeException e) {
            sendFault(exchange, cbor, version, new Fault(500, "InternalFailure", "fake: " + e));
        }
    }

    private static final class FaultException extends RuntimeException {
        final Fault fault;

        FaultException(Fault fault) {
            super(fault.message());
            this.fault = fault;
        }
    }

    private interface Decoder {
        void fill(SdkPojo builder);
    }

    /** Builds the operation's request with {@code decoder} and calls the fake's method of that operation. */
    private static SdkPojo call(Object fake, Class<?> client, String action, Decoder decoder) {
        String name = Character.toLowerCase(action.charAt(0)) + action.substring(1);
        Method operation = null;
        for (Method m : client.getMethods()) {
            if (m.getName().equals(name)
                    && m.getParameterCount() == 1
                    && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])) {
                operation = m;
            }
        }
        if (operation == null) {
            throw new FaultException(new Fault(400, "InvalidAction", "the fake does not know " + action));
        }
        try {
            SdkPojo builder = (SdkPojo)
                    operation.getParameterTypes()[0].getMethod("builder").invoke(null);
            decoder.fill(builder);
            return (SdkPojo) operation.invoke(fake, ((SdkBuilder<?, ?>) builder).build());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof UnsupportedOperationException) {
                throw new FaultException(new Fault(400, "InvalidAction", "the fake does not know " + action));
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
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

    private static void sendFault(HttpExchange exchange, boolean cbor, String version, Fault f) throws IOException {
        if (cbor) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("__type", "com.amazonaws.cloudwatch#" + f.code());
            error.put("message", f.message());
            exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
            exchange.getResponseHeaders().add("x-amzn-query-error", f.code() + ";Sender");
            send(exchange, f.status(), "application/cbor", CBOR.writeValueAsBytes(error));
            return;
        }
        String xml = EC2_VERSION.equals(version)
                ? "<Response><Errors><Error><Code>" + esc(f.code()) + "</Code><Message>" + esc(f.message())
                        + "</Message></Error></Errors><RequestID>fake</RequestID></Response>"
                : "<ErrorResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"><Error><Type>Sender"
                        + "</Type><Code>" + esc(f.code()) + "</Code><Message>" + esc(f.message())
                        + "</Message></Error><RequestId>fake</RequestId></ErrorResponse>";
        send(exchange, f.status(), "text/xml", bytes(xml));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- query protocols in: a form into an SDK request ----

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

    /** Sets each field of {@code builder} found in the form under {@code prefix} and the field's wire name. */
    private static void fromForm(SdkPojo builder, Map<String, String> form, String prefix) {
        for (SdkField<?> field : builder.sdkFields()) {
            Object value = formValue(field, form, prefix + field.locationName());
            if (value != null) {
                field.set(builder, value);
            }
        }
    }

    private static Object formValue(SdkField<?> field, Map<String, String> form, String key) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.LIST) {
            // Auto Scaling writes NAME.member.N, EC2 writes NAME.N.
            Pattern item = Pattern.compile(Pattern.quote(key) + "\\.((?:member\\.)?\\d+)(?:\\..*)?");
            Map<Integer, String> items = new TreeMap<>();
            for (String k : form.keySet()) {
                Matcher m = item.matcher(k);
                if (m.matches()) {
                    String index = m.group(1);
                    items.put(Integer.parseInt(index.replace("member.", "")), key + "." + index);
                }
            }
            if (items.isEmpty()) {
                return null;
            }
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            items.values().forEach(itemKey -> list.add(formValue(member, form, itemKey)));
            return list;
        }
        if (type == MarshallingType.SDK_POJO) {
            String nested = key + ".";
            if (form.keySet().stream().noneMatch(k -> k.startsWith(nested))) {
                return null;
            }
            SdkPojo builder = field.constructor().get();
            fromForm(builder, form, nested);
            return ((SdkBuilder<?, ?>) builder).build();
        }
        String text = form.get(key);
        return text == null ? null : scalar(type, text);
    }

    private static Object scalar(MarshallingType<?> type, Object value) {
        if (type == MarshallingType.STRING) {
            return value.toString();
        }
        if (type == MarshallingType.INTEGER) {
            return value instanceof Number n ? n.intValue() : Integer.valueOf(value.toString());
        }
        if (type == MarshallingType.LONG) {
            return value instanceof Number n ? n.longValue() : Long.valueOf(value.toString());
        }
        if (type == MarshallingType.DOUBLE) {
            return value instanceof Number n ? n.doubleValue() : Double.valueOf(value.toString());
        }
        if (type == MarshallingType.BOOLEAN) {
            return value instanceof Boolean b ? b : Boolean.valueOf(value.toString());
        }
        if (type == MarshallingType.INSTANT) {
            return value instanceof Number n ? Instant.ofEpochMilli((long) (n.doubleValue() * 1000)) : null;
        }
        throw new IllegalArgumentException("the fake cannot read a " + type + " parameter");
    }

    // ---- query protocols out: an SDK response as XML ----

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

    // ---- RPC v2 CBOR: maps of member names, both ways ----

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cborMap(byte[] body) {
        try {
            return body.length == 0 ? Map.of() : CBOR.readValue(body, Map.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not CBOR", e);
        }
    }

    private static void fromCbor(SdkPojo builder, Map<?, ?> map) {
        for (SdkField<?> field : builder.sdkFields()) {
            Object value = map.get(field.locationName());
            if (value != null) {
                field.set(builder, cborValue(field, value));
            }
        }
    }

    private static Object cborValue(SdkField<?> field, Object value) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            return ((List<?>) value).stream().map(v -> cborValue(member, v)).toList();
        }
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo builder = field.constructor().get();
            fromCbor(builder, (Map<?, ?>) value);
            return ((SdkBuilder<?, ?>) builder).build();
        }
        return scalar(type, value);
    }

    private static Object toCbor(Object value) {
        if (value instanceof SdkPojo pojo) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (SdkField<?> f : pojo.sdkFields()) {
                Object v = f.getValueOrDefault(pojo);
                if (v != null && !(v instanceof SdkAutoConstructList) && !(v instanceof Instant)) {
                    map.put(f.locationName(), toCbor(v));
                }
            }
            return map;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(FakeAwsCloud::toCbor).toList();
        }
        return value;
    }
}
