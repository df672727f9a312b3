package dev.asgchef.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of EC2's query protocol, on a loopback port, for the AMI steps: {@code DescribeImages} and
 * {@code CreateTags}, with images kept per region (read from the request's SigV4 credential scope, as EC2's regional
 * endpoints keep them). The real SDK client talks to it through {@code --endpoint-url}.
 */
public final class FakeEc2 implements AutoCloseable {
    /** One call as received: the region it was signed for, the action and its form parameters. */
    public record Call(String region, String action, Map<String, String> parameters) {}

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/ec2/");

    private final HttpServer server;
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public FakeEc2() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Registers (or changes) an image in a region: {@code available}, {@code pending}, {@code failed}... */
    public FakeEc2 image(String region, String imageId, String state) {
        states.put(region + "/" + imageId, state);
        return this;
    }

    public Map<String, String> tagsOf(String region, String imageId) {
        return tags.getOrDefault(region + "/" + imageId, Map.of());
    }

    public List<Call> calls() {
        return calls;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> form = form(body);
        Matcher scope =
                SCOPE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String region = scope.find() ? scope.group(1) : "unsigned";
        String action = form.getOrDefault("Action", "");
        calls.add(new Call(region, action, form));
        switch (action) {
            case "DescribeImages" -> describeImages(exchange, region, form.get("ImageId.1"));
            case "CreateTags" -> createTags(exchange, region, form);
            default -> error(exchange, 400, "InvalidAction", "The action " + action + " is not valid");
        }
    }

    private void describeImages(HttpExchange exchange, String region, String imageId) throws IOException {
        String state = states.get(region + "/" + imageId);
        if (state == null) {
            error(exchange, 400, "InvalidAMIID.NotFound", "The image id '[" + imageId + "]' does not exist");
            return;
        }
        String reason = state.equals("failed")
                ? "<stateReason><code>Client.InternalError</code><message>Snapshot copy failed</message></stateReason>"
                : "";
        respond(
                exchange,
                200,
                "<DescribeImagesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                        + "<requestId>r-1</requestId><imagesSet><item><imageId>" + imageId + "</imageId><imageState>"
                        + state
                        + "</imageState><name>web-build</name>" + reason
                        + "</item></imagesSet></DescribeImagesResponse>");
    }

    private void createTags(HttpExchange exchange, String region, Map<String, String> form) throws IOException {
        String imageId = form.get("ResourceId.1");
        Map<String, String> imageTags = tags.computeIfAbsent(region + "/" + imageId, k -> new ConcurrentHashMap<>());
        for (int i = 1; form.containsKey("Tag." + i + ".Key"); i++) {
            imageTags.put(form.get("Tag." + i + ".Key"), form.getOrDefault("Tag." + i + ".Value", ""));
        }
        respond(
                exchange,
                200,
                "<CreateTagsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                        + "<requestId>r-2</requestId><return>true</return></CreateTagsResponse>");
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        respond(
                exchange,
                status,
                "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error></Errors><RequestID>r-3</RequestID></Response>");
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
