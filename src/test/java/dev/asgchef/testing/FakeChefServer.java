package dev.asgchef.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * An in-process Chef Infra Server for tests: JDK HttpServer on 127.0.0.1, organization {@code acme}. Every request's
 * signature (protocol 1.0, 1.1 or 1.3) is verified against the registered public keys as the real server does, and
 * answered with the real server's status codes and error bodies; nodes, clients and search (full and partial, paginated; a query is field:value terms joined by AND) answer
 * in Chef's response shapes. User {@code alice} is registered with the fixture key {@code chef-signing/keys/alice}.
 *
 * <p>Its clock (for the 15-minute skew check) is {@link CliHarness#NOW} unless another is given, so the CLI's fixed
 * clock signs requests it accepts. Fault injection: {@link #failNext}, {@link #hangNext}, {@link #setLatency},
 * {@link #answerEveryRequest} (e.g. {@link #HTML_NOT_FOUND}, a proxy's 404 on every path).
 */
public final class FakeChefServer implements AutoCloseable {
    static {
        // The JDK server writes headers and body as two segments; with Nagle on, the client's delayed ACK adds ~40 ms
        // to every request. Read once, when the first JDK HttpServer of the JVM starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static final String ORGANIZATION = "acme";
    public static final String USER = "alice";
    private static final Duration SKEW = Duration.ofSeconds(900);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received; header names are lower case, path and query raw (still percent-encoded). */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private record Fault(String method, int status, int[] remaining) {}

    /** What a web server or proxy in front of the wrong path answers, whatever the request. */
    public record RawAnswer(int status, String contentType, String body) {}

    /** nginx's page for a path it does not serve, as a proxy or a chef_server_url with a wrong prefix gets it. */
    public static final RawAnswer HTML_NOT_FOUND = new RawAnswer(
            404,
            "text/html",
            "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>"
                    + "\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Map<String, PublicKey> users = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> nodes = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> clients = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Fault> faults = new LinkedHashMap<>();
    private final Map<String, int[]> hangs = new LinkedHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Duration latency = Duration.ZERO;
    private volatile RawAnswer everyAnswer;

    private FakeChefServer(Clock clock, SSLContext tls) throws IOException {
        this.clock = clock;
        addUser(USER, publicKey(USER));
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(loopback, 64);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-chef-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server whose clock is {@link CliHarness#NOW}, the clock CliHarness runs the CLI with. */
    public static FakeChefServer start() {
        return start(Clock.fixed(CliHarness.NOW, ZoneOffset.UTC));
    }

    public static FakeChefServer start(Clock clock) {
        try {
            return new FakeChefServer(clock, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same server over HTTPS with the given server certificate (see {@link TestCertificates}). */
    public static FakeChefServer startTls(SSLContext tls) {
        return startTls(tls, Clock.fixed(CliHarness.NOW, ZoneOffset.UTC));
    }

    /** Over HTTPS, checking signatures' times against {@code clock} (the system's, for a client in another JVM). */
    public static FakeChefServer startTls(SSLContext tls, Clock clock) {
        try {
            return new FakeChefServer(clock, tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    /** {@code http://127.0.0.1:PORT/organizations/acme}: what chef_server_url holds. */
    public URI organizationUrl() {
        return URI.create(url() + "/organizations/" + ORGANIZATION);
    }

    /**
     * Writes {@code directory/.chef/config.rb} as the Chef server's starter kit does (signing as alice with
     * {@code #{current_dir}/alice.pem}) and the key beside it with mode 0600.
     *
     * @return the config.rb path
     */
    public Path writeKnifeConfig(Path directory) {
        try {
            Path chef = Files.createDirectories(directory.resolve(".chef"));
            Path key = chef.resolve(USER + ".pem");
            Files.writeString(key, privateKeyPem(USER));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            Path config = chef.resolve("config.rb");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "# See https://docs.chef.io/workstation/config_rb/ for more information on knife"
                                    + " configuration options",
                            "",
                            "current_dir = File.dirname(__FILE__)",
                            "log_level                :info",
                            "log_location             STDOUT",
                            "node_name                \"" + USER + "\"",
                            "client_key               \"#{current_dir}/" + USER + ".pem\"",
                            "chef_server_url          \"" + organizationUrl() + "\"",
                            "cookbook_path            [\"#{current_dir}/../cookbooks\"]",
                            ""));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers a user or client that may sign requests. */
    public void addUser(String name, PublicKey key) {
        users.put(name, key);
    }

    /** A node as chef-client saves it; {@code ec2InstanceId} goes where Ohai puts it (automatic.ec2.instance_id). */
    public void putNode(String name, String ec2InstanceIdOrNull) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", name);
        node.put("chef_environment", "_default");
        node.put("json_class", "Chef::Node");
        node.put("chef_type", "node");
        ObjectNode automatic = node.putObject("automatic");
        automatic.put("hostname", name);
        automatic.put("fqdn", name + ".ec2.internal");
        if (ec2InstanceIdOrNull != null) {
            automatic.putObject("ec2").put("instance_id", ec2InstanceIdOrNull);
        }
        node.putObject("normal").putArray("tags");
        node.putObject("default");
        node.putObject("override");
        node.putArray("run_list").add("role[web]");
        nodes.put(name, node);
    }

    /**
     * A node as chef-client on EC2 saves it: Ohai's {@code ec2.instance_id} and {@code ec2.placement_availability_zone},
     * {@code ec2.region} and {@code ec2.account_id} only when {@code accountOrNull} is given (older Ohai records neither),
     * and {@code ohai_time}, the end of its last run, in epoch seconds as Ohai writes it.
     */
    public void putEc2Node(String name, String instanceId, String zone, String accountOrNull, Instant lastRun) {
        putNode(name, instanceId);
        ObjectNode automatic = (ObjectNode) nodes.get(name).get("automatic");
        ObjectNode ec2 = (ObjectNode) automatic.get("ec2");
        ec2.put("placement_availability_zone", zone);
        if (accountOrNull != null) {
            ec2.put("region", zone.substring(0, zone.length() - 1));
            ec2.put("account_id", accountOrNull);
        }
        automatic.put("ohai_time", lastRun.toEpochMilli() / 1000.0);
    }

    /** Sets a node's chef_environment, for searches that narrow by it. */
    public void setEnvironment(String name, String environment) {
        nodes.get(name).put("chef_environment", environment);
    }

    public void putClient(String name) {
        putClient(name, false);
    }

    public void putClient(String name, boolean validator) {
        ObjectNode client = JSON.createObjectNode();
        client.put("name", name);
        client.put("clientname", name);
        client.put("orgname", ORGANIZATION);
        client.put("validator", validator);
        client.put("json_class", "Chef::ApiClient");
        client.put("chef_type", "client");
        clients.put(name, client);
    }

    public boolean hasNode(String name) {
        return nodes.containsKey(name);
    }

    public boolean hasClient(String name) {
        return clients.containsKey(name);
    }

    /** The next {@code times} requests whose path starts with {@code pathPrefix} get {@code status} and Chef's body. */
    public void failNext(String pathPrefix, int status, int times) {
        failNext(null, pathPrefix, status, times);
    }

    /** As {@link #failNext(String, int, int)}, for one method only (null: any). */
    public synchronized void failNext(String method, String pathPrefix, int status, int times) {
        faults.put(method + " " + pathPrefix, new Fault(method, status, new int[] {times}));
    }

    /** The next {@code times} requests whose path starts with {@code pathPrefix} get no answer until close(). */
    public synchronized void hangNext(String pathPrefix, int times) {
        hangs.put(pathPrefix, new int[] {times});
    }

    /**
     * From now on every request, on any path and whatever its signature, gets this answer: the server stands in for a
     * proxy or web server that is not the Chef API.
     */
    public void answerEveryRequest(RawAnswer answer) {
        this.everyAnswer = answer;
    }

    /** Every request waits this long before it is handled. */
    public void setLatency(Duration latency) {
        this.latency = latency;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests of one method whose path starts with {@code pathPrefix}. */
    public List<Request> requests(String method, String pathPrefix) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
                .toList();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** The PEM text of a fixture private key: alice, bob (PKCS#1) or carol-pkcs8. */
    public static String privateKeyPem(String name) {
        return resource("/chef-signing/keys/" + name + ".pem");
    }

    public static PublicKey publicKey(String name) {
        return ChefRequestVerifier.publicKey(resource("/chef-signing/keys/" + name + ".pub.pem"));
    }

    private static String resource(String path) {
        try (InputStream in = FakeChefServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            Request request = new Request(
                    exchange.getRequestMethod(),
                    path,
                    query == null ? "" : query,
                    headers,
                    new String(body, StandardCharsets.UTF_8));
            requests.add(request);
            pause(latency);
            if (takeHang(path)) {
                awaitClose();
                return;
            }
            RawAnswer raw = everyAnswer;
            if (raw != null) {
                byte[] bytes = raw.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", raw.contentType());
                exchange.sendResponseHeaders(raw.status(), bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
                return;
            }
            Optional<Integer> fault = takeFault(request.method(), path);
            Answer answer = fault.isPresent() ? failure(fault.get(), request) : answer(request, body);
            byte[] bytes = JSON.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private record Answer(int status, JsonNode body) {}

    private Answer answer(Request request, byte[] body) {
        Optional<Answer> refused = authenticate(request, body);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<String> segments = new ArrayList<>();
        for (String s : request.path().split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        if (segments.size() < 3 || !segments.get(0).equals("organizations")) {
            return error(404, "not found");
        }
        if (!segments.get(1).equals(ORGANIZATION)) {
            return error(404, "organization '" + segments.get(1) + "' does not exist.");
        }
        String collection = segments.get(2);
        String method = request.method();
        if (segments.size() == 4 && (collection.equals("nodes") || collection.equals("clients"))) {
            Map<String, ObjectNode> objects = collection.equals("nodes") ? nodes : clients;
            String name = segments.get(3);
            ObjectNode object = objects.get(name);
            if (object == null) {
                return notFound(collection, name);
            }
            return switch (method) {
                case "GET" -> new Answer(200, object);
                case "DELETE" -> new Answer(200, objects.remove(name));
                default -> error(405, "method not allowed");
            };
        }
        if (segments.size() == 4
                && collection.equals("search")
                && segments.get(3).equals("node")) {
            return search(request, method, body);
        }
        return error(404, "not found");
    }

    private Answer search(Request request, String method, byte[] body) {
        Map<String, String> params = new HashMap<>();
        for (String pair : request.query().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        String query = params.getOrDefault("q", "*:*");
        int rows = Integer.parseInt(params.getOrDefault("rows", "1000"));
        int start = Integer.parseInt(params.getOrDefault("start", "0"));
        List<String[]> terms = new ArrayList<>();
        for (String term : query.split(" AND ")) {
            String bare = term.strip().replaceAll("^\\((.*)\\)$", "$1");
            int colon = unescapedColon(bare);
            if (!bare.equals("*:*") && colon < 0) {
                return error(400, "invalid search query: '" + query + "'");
            }
            if (!bare.equals("*:*") && bare.substring(colon + 1).matches(".*(?<!\\\\)[-:].*")) {
                // Chef's search docs require '-' and ':' in values to be escaped; a client that does not is not served.
                return new Answer(200, page(List.of(), start));
            }
            terms.add(
                    bare.equals("*:*")
                            ? new String[] {"*", "*"}
                            : new String[] {bare.substring(0, colon), unescape(bare.substring(colon + 1))});
        }
        List<ObjectNode> found = nodes.values().stream()
                .filter(n -> terms.stream().allMatch(t -> matches(n, t[0], t[1])))
                .sorted((a, b) ->
                        a.path("name").asText().compareTo(b.path("name").asText()))
                .toList();
        List<ObjectNode> window = found.subList(Math.min(start, found.size()), Math.min(found.size(), start + rows));
        ObjectNode result = page(window, start);
        result.put("total", found.size());
        if (method.equals("GET")) {
            return new Answer(200, result);
        }
        if (!method.equals("POST")) {
            return error(405, "method not allowed");
        }
        JsonNode wanted;
        try {
            wanted = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "invalid JSON");
        }
        ArrayNode partial = JSON.createArrayNode();
        for (ObjectNode node : window) {
            ObjectNode row = partial.addObject();
            row.put("url", organizationUrl() + "/nodes/" + node.path("name").asText());
            ObjectNode data = row.putObject("data");
            wanted.properties().forEach(e -> {
                JsonNode at = merged(node);
                for (JsonNode key : e.getValue()) {
                    at = at.path(key.asText());
                }
                data.set(e.getKey(), at.isMissingNode() ? null : at);
            });
        }
        result.set("rows", partial);
        return new Answer(200, result);
    }

    private static ObjectNode page(List<ObjectNode> rows, int start) {
        ObjectNode result = JSON.createObjectNode();
        result.put("total", rows.size());
        result.put("start", start);
        ArrayNode array = result.putArray("rows");
        rows.forEach(array::add);
        return result;
    }

    /** A node's attributes as search sees them: name and environment, then every precedence level merged. */
    private static ObjectNode merged(ObjectNode node) {
        ObjectNode merged = JSON.createObjectNode();
        for (String level : List.of("default", "normal", "override", "automatic")) {
            node.path(level).properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        }
        merged.set("name", node.get("name"));
        merged.set("chef_environment", node.get("chef_environment"));
        return merged;
    }

    private static boolean matches(ObjectNode node, String field, String value) {
        if (field.equals("*")) {
            return true;
        }
        JsonNode attributes = merged(node);
        JsonNode actual =
                switch (field) {
                    case "name" -> attributes.path("name");
                    case "chef_environment" -> attributes.path("chef_environment");
                    case "ec2_instance_id" -> attributes.path("ec2").path("instance_id");
                    default -> attributes.path(field);
                };
        return actual.isTextual() && (value.equals("*") || actual.asText().equals(value));
    }

    private static int unescapedColon(String query) {
        for (int i = 0; i < query.length(); i++) {
            if (query.charAt(i) == '\\') {
                i++;
            } else if (query.charAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String value) {
        return value.replaceAll("\\\\(.)", "$1");
    }

    /** What the real server checks before it looks at the request: API version, headers, user, clock, signature. */
    private Optional<Answer> authenticate(Request request, byte[] body) {
        String apiVersion = request.header("X-Ops-Server-API-Version");
        if (apiVersion != null && !apiVersion.matches("[0-2]")) {
            ObjectNode error = JSON.createObjectNode();
            error.put("error", "invalid-x-ops-server-api-version");
            error.put("message", "Specified version " + apiVersion + " not supported");
            error.put("min_version", 0);
            error.put("max_version", 2);
            return Optional.of(new Answer(406, error));
        }
        List<String> missing = new ArrayList<>();
        for (String header : List.of("X-Ops-UserId", "X-Ops-Timestamp", "X-Ops-Sign", "X-Ops-Content-Hash")) {
            if (request.header(header) == null || request.header(header).isEmpty()) {
                missing.add(header);
            }
        }
        if (request.header("X-Ops-Authorization-1") == null) {
            missing.add("X-Ops-Authorization-1");
        }
        if (!missing.isEmpty()) {
            return Optional.of(error(400, "missing required authentication header(s) " + String.join(", ", missing)));
        }
        String user = request.header("X-Ops-UserId");
        PublicKey key = users.get(user);
        if (key == null) {
            return Optional.of(error(
                    401,
                    "Failed to authenticate as '" + user + "'. Ensure that your node_name and client key are"
                            + " correct."));
        }
        Map<String, String> single = new HashMap<>();
        request.headers().forEach((k, v) -> single.put(k, v.get(0)));
        Optional<ChefRequestVerifier.Failure> failure =
                ChefRequestVerifier.verify(request.method(), request.path(), body, single, key, clock.instant(), SKEW);
        if (failure.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                switch (failure.get()) {
                    case UNSUPPORTED_VERSION -> error(400, "Unsupported authentication protocol version");
                    case TIMESTAMP ->
                        error(401, "Failed to authenticate as " + user + ". Synchronize the clock on your host.");
                    default -> error(401, "Invalid signature for user or client '" + user + "'");
                });
    }

    /** erchef's 404 for a missing node or client ({@code chef_wm_util:not_found_message}). */
    private static Answer notFound(String collection, String name) {
        return error(404, collection.equals("nodes") ? "node '" + name + "' not found" : "Cannot load client " + name);
    }

    private static Answer failure(int status, Request request) {
        String[] segments = request.path().split("/");
        if (status == 404 && segments.length == 5 && segments[3].matches("nodes|clients")) {
            // As if the object vanished between two requests: erchef's own not-found for it.
            return notFound(segments[3], URLDecoder.decode(segments[4], StandardCharsets.UTF_8));
        }
        String message =
                switch (status) {
                    case 400 -> "invalid request";
                    case 401 -> "Invalid signature for user or client '" + request.header("X-Ops-UserId") + "'";
                    case 403 -> "missing " + (request.method().equals("DELETE") ? "delete" : "read") + " permission";
                    case 404 -> "not found";
                    case 500 -> "internal service error";
                    case 502 -> "Bad Gateway";
                    case 503 -> "Service Unavailable";
                    default -> "HTTP " + status;
                };
        return error(status, message);
    }

    private static Answer error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("error").add(message);
        return new Answer(status, body);
    }

    private synchronized Optional<Integer> takeFault(String method, String path) {
        for (Map.Entry<String, Fault> e : faults.entrySet()) {
            Fault fault = e.getValue();
            String prefix = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            boolean methodMatches = fault.method() == null || fault.method().equals(method);
            if (methodMatches && path.startsWith(prefix) && fault.remaining()[0] > 0) {
                fault.remaining()[0]--;
                return Optional.of(fault.status());
            }
        }
        return Optional.empty();
    }

    private synchronized boolean takeHang(String path) {
        for (Map.Entry<String, int[]> e : hangs.entrySet()) {
            if (path.startsWith(e.getKey()) && e.getValue()[0] > 0) {
                e.getValue()[0]--;
                return true;
            }
        }
        return false;
    }

    private void awaitClose() {
        try {
            closing.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
