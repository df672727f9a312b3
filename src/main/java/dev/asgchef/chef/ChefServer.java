package dev.asgchef.chef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.InstanceId;
import dev.asgchef.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * The few Chef Infra Server API calls a cleanup needs, signed, over {@code java.net.http}. Connection errors, timeouts
 * and 5xx answers are retried a bounded number of times with exponential backoff (every call here is idempotent);
 * everything else fails at once with a {@link ChefServerException} whose message is one line naming cause and fix.
 * Thread-safe.
 */
public final class ChefServer {
    /**
     * Sent with every request and, under 1.3, signed. 1 is understood by every server that speaks 1.3 (12.4 and later),
     * and node and client objects look the same under 1 and 2.
     */
    static final String SERVER_API_VERSION = "1";
    /** The server refuses clients that claim no or an ancient Chef version; this is the knife line we behave like. */
    static final String CHEF_VERSION = "18.5.0";

    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(4);
    private static final Duration MAX_CONNECT = Duration.ofSeconds(10);

    /** How to wait between attempts; tests pass one that does not. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** How the server is reached: request timeout per attempt, and how many retries after the first attempt. */
    public record Limits(Duration requestTimeout, int retries) {
        public Limits {
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("request timeout must be positive");
            }
            if (retries < 0) {
                throw new IllegalArgumentException("retries cannot be negative");
            }
        }
    }

    /** One node a search found: its name and the instance id it records, if any. */
    public record NodeMatch(String name, Optional<String> instanceId) {}

    private final URI organization;
    private final RequestSigner signer;
    private final HttpClient http;
    private final Limits limits;
    private final Pause pause;

    /**
     * @param organizationUrl {@code https://host/organizations/ORG}, as chef_server_url holds it
     */
    public ChefServer(URI organizationUrl, RequestSigner signer, HttpClient http, Limits limits, Pause pause) {
        String text = organizationUrl.toString();
        this.organization = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.signer = signer;
        this.http = http;
        this.limits = limits;
        this.pause = pause;
    }

    /**
     * The server of a configuration: loads the key (warning when others can read it), and builds an HTTP/1.1 client
     * that trusts what the configuration says to trust and never follows redirects (a redirected request would lose
     * its signature's path).
     */
    static ChefServer connect(ChefConfig config, Limits limits, Clock clock, Consumer<String> warn) {
        return connect(
                config, () -> ChefTls.context(config.verifyTls(), config.trustedCertsDir()), limits, clock, warn);
    }

    /** As {@link #connect(ChefConfig, Limits, Clock, Consumer)}, trusting what {@code tls} makes for https. */
    static ChefServer connect(
            ChefConfig config,
            java.util.function.Supplier<javax.net.ssl.SSLContext> tls,
            Limits limits,
            Clock clock,
            Consumer<String> warn) {
        PrivateKey key = config.key().load(warn);
        RequestSigner signer = new RequestSigner(config.user(), key, config.protocol(), clock);
        Duration connect = limits.requestTimeout().compareTo(MAX_CONNECT) < 0 ? limits.requestTimeout() : MAX_CONNECT;
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connect)
                .followRedirects(HttpClient.Redirect.NEVER);
        config.proxy().applyTo(http);
        if (config.serverUrl().getScheme().equalsIgnoreCase("https")) {
            http.sslContext(tls.get());
        }
        return new ChefServer(config.serverUrl(), signer, http.build(), limits, d -> Thread.sleep(d.toMillis()));
    }

    /** The node's JSON, or empty when there is no such node. */
    public Optional<JsonNode> node(NodeName name) {
        return getObject(Kind.NODE, name);
    }

    /** The client's JSON, or empty when there is no such client. */
    public Optional<JsonNode> client(NodeName name) {
        return getObject(Kind.CLIENT, name);
    }

    /** Deletes the node: true when it was deleted, false when it did not exist. */
    public boolean deleteNode(NodeName name) {
        return delete(Kind.NODE, name);
    }

    /** Deletes the client: true when it was deleted, false when it did not exist. */
    public boolean deleteClient(NodeName name) {
        return delete(Kind.CLIENT, name);
    }

    /**
     * The nodes whose {@code ec2.instance_id} is the given instance, by partial search (the server returns only name
     * and instance id, not whole nodes). At most {@code limit} are returned; the total is in the list's size only up to
     * that limit, which is all a caller that refuses several matches needs.
     */
    public List<NodeMatch> nodesOfInstance(InstanceId instance, int limit) {
        // Search treats '-' as an operator: escape it, as the Chef search docs require.
        String query = "ec2_instance_id:" + instance.value().replace("-", "\\-");
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        wanted.put("name", List.of("name"));
        wanted.put("instance_id", List.of("ec2", "instance_id"));
        SearchPage page = partialSearch(query, wanted, 0, limit);
        List<NodeMatch> matches = new ArrayList<>();
        for (JsonNode data : page.rows()) {
            String name = data.path("name").asText("");
            JsonNode id = data.path("instance_id");
            matches.add(new NodeMatch(name, id.isTextual() ? Optional.of(id.asText()) : Optional.empty()));
        }
        return matches;
    }

    /** One page of a partial search: the number of nodes the query matches, and this page's {@code data} objects. */
    public record SearchPage(long total, List<JsonNode> rows) {
        public SearchPage {
            rows = List.copyOf(rows);
        }
    }

    /**
     * One page of a partial search of the node index: {@code POST search/node?q=QUERY&start=START&rows=ROWS} with a
     * body naming each wanted attribute's path, so the server sends those attributes and not whole nodes.
     *
     * @param attributes result key to attribute path, e.g. {@code instance_id -> [ec2, instance_id]}, sent in the map's
     *     order
     */
    public SearchPage partialSearch(String query, Map<String, List<String>> attributes, long start, int rows) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(attributes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a search body", e);
        }
        Response response =
                send("POST", "search/node", "q=" + encode(query) + "&rows=" + rows + "&start=" + start, body);
        if (response.status() == 404) {
            throw failure(response, "POST search/node");
        }
        JsonNode json = response.json();
        List<JsonNode> data = new ArrayList<>();
        for (JsonNode row : json.path("rows")) {
            data.add(row.path("data"));
        }
        return new SearchPage(json.path("total").asLong(data.size()), data);
    }

    /** The two kinds of object a cleanup touches, and how erchef says one of them does not exist. */
    private enum Kind {
        NODE("nodes", "node"),
        CLIENT("clients", "client");

        private final String collection;
        private final String noun;

        Kind(String collection, String noun) {
            this.collection = collection;
            this.noun = noun;
        }

        String path(NodeName name) {
            return collection + "/" + name.value();
        }

        boolean saysAbsent(String body, NodeName name) {
            List<String> said = ChefFailures.errors(body);
            return ChefFailures.notFoundMessages(noun, name).stream().anyMatch(said::contains);
        }
    }

    private Optional<JsonNode> getObject(Kind kind, NodeName name) {
        Response response = send("GET", kind.path(name), "", null);
        if (response.status() == 404) {
            requireChefsNotFound(response, "GET", kind, name);
            return Optional.empty();
        }
        return Optional.of(response.json());
    }

    private boolean delete(Kind kind, NodeName name) {
        Response response = send("DELETE", kind.path(name), "", null);
        if (response.status() == 404) {
            requireChefsNotFound(response, "DELETE", kind, name);
            return false;
        }
        return true;
    }

    /** Only the server's own word that this very object does not exist is absence; any other 404 is a failure. */
    private void requireChefsNotFound(Response response, String method, Kind kind, NodeName name) {
        if (!kind.saysAbsent(response.text(), name)) {
            throw ChefFailures.notChefsNotFound(
                    organization, method + " " + kind.path(name), kind.noun + " " + name, response.text());
        }
    }

    /** A 2xx or 404 answer; anything else has been retried as far as allowed and thrown. */
    private Response send(String method, String relative, String query, byte[] body) {
        URI uri = URI.create(organization + "/" + relative + (query.isEmpty() ? "" : "?" + query));
        String what = method + " " + relative;
        int attempts = limits.retries() + 1;
        for (int attempt = 1; ; attempt++) {
            try {
                Response response = exchange(method, uri, body);
                if (response.status() >= 500 && attempt < attempts) {
                    backoff(attempt);
                    continue;
                }
                if (response.status() / 100 == 2 || (response.status() == 404 && !orgMissing(response))) {
                    return response;
                }
                throw failure(response, what, attempt);
            } catch (SSLException e) {
                throw ChefFailures.tls(uri, e);
            } catch (IOException e) {
                if (attempt < attempts) {
                    backoff(attempt);
                    continue;
                }
                throw ChefFailures.transport(uri, e, attempts, limits.requestTimeout());
            }
        }
    }

    private Response exchange(String method, URI uri, byte[] body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(limits.requestTimeout())
                .header("Accept", "application/json")
                .header("X-Chef-Version", CHEF_VERSION)
                .header("X-Ops-Server-API-Version", SERVER_API_VERSION)
                .header("User-Agent", "asgchef");
        for (Map.Entry<String, String> header :
                signer.sign(method, uri.getRawPath(), bytes, SERVER_API_VERSION).entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(
                    response.statusCode(), response.body(), response.headers().firstValue("Location"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChefServerException(0, "interrupted while waiting for the Chef server");
        }
    }

    private void backoff(int attempt) {
        long cap = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 10));
        // Full jitter: many drain workers retrying at once should not hit a recovering server together.
        long millis = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
        try {
            pause.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChefServerException(0, "interrupted while waiting to retry the Chef server");
        }
    }

    private ChefServerException failure(Response response, String what) {
        return failure(response, what, 1);
    }

    private ChefServerException failure(Response response, String what, int attempts) {
        return ChefFailures.status(
                organization, what, response.status(), response.text(), response.location(), signer, attempts);
    }

    private static boolean orgMissing(Response response) {
        return response.text().contains("organization '") && response.text().contains("does not exist");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Response(int status, byte[] body, Optional<String> location) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new ChefServerException(
                        status,
                        "the Chef server answered " + status + " with a body that is not"
                                + " JSON: check that chef_server_url points at the Chef server API, not a proxy or web page");
            }
        }
    }
}
