package dev.asgchef.chef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/** Turns what the Chef server (or the network on the way) said into one line naming the cause and the fix. */
final class ChefFailures {
    private static final ObjectMapper JSON = Json.mapper();
    private static final int MAX_REASON = 300;
    private static final Pattern ORGANIZATION_PATH = Pattern.compile(".*/organizations/[^/]+/?");

    private ChefFailures() {}

    static ChefServerException status(
            URI organization,
            String what,
            int status,
            String body,
            Optional<String> location,
            RequestSigner signer,
            int attempts) {
        String said = "HTTP " + status + (reason(body).isEmpty() ? "" : ": " + reason(body));
        String user = signer.userId();
        String message =
                switch (status) {
                    case 400 ->
                        "the Chef server rejected " + what + " (" + said + "): if it names authentication,"
                                + " try another --chef-auth-version (this is " + signer.protocol() + ")";
                    case 401 ->
                        "the Chef server did not accept the signature of '" + user + "' (" + said + "):"
                                + " check that this host's clock is right (more than 15 minutes off is refused) and that"
                                + " the key is the one registered for '" + user + "' (client_key and node_name belong"
                                + " together)";
                    case 403 ->
                        "'" + user + "' may not " + what + " (" + said + "): grant it delete on nodes and"
                                + " clients and read for search, e.g. by adding it to the organization's admins group";
                    case 404 ->
                        "the Chef server has no " + organization.getPath() + " (" + said + "): check the"
                                + " organization in chef_server_url";
                    case 406 ->
                        "the Chef server does not support this client's API version (" + said + "):"
                                + " upgrade the Chef server to 12.4 or later";
                    case 301, 302, 303, 307, 308 ->
                        "the Chef server redirected " + what + " to " + location.orElse("another address")
                                + ": set chef_server_url to the address it names";
                    default ->
                        status >= 500
                                ? "the Chef server failed " + what + " (" + said + ")" + afterAttempts(attempts)
                                        + ": check the server's health and run again; what is left is left for a retry"
                                : "the Chef server refused " + what + " (" + said + ")";
                };
        return new ChefServerException(status, message);
    }

    static ChefServerException tls(URI uri, SSLException e) {
        String detail = rootMessage(e);
        return new ChefServerException(
                0,
                "TLS handshake with " + uri.getHost() + " failed (" + detail + "): if the server's certificate is"
                        + " self-signed or from a private CA, fetch it with 'knife ssl fetch' into trusted_certs_dir;"
                        + " check the name in chef_server_url matches the certificate",
                e);
    }

    static ChefServerException transport(URI uri, IOException e, int attempts, Duration timeout) {
        String where = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        String message;
        if (e instanceof HttpConnectTimeoutException) {
            message = "could not connect to the Chef server at " + where + " within the time allowed"
                    + afterAttempts(attempts) + ": check chef_server_url and the network path (firewall, proxy)";
        } else if (e instanceof HttpTimeoutException) {
            message = "the Chef server at " + where + " did not answer within " + seconds(timeout)
                    + afterAttempts(attempts) + ": check the server's health, or allow longer with --chef-timeout";
        } else if (e instanceof ConnectException && rootCause(e) instanceof UnresolvedAddressException
                || rootCause(e) instanceof UnknownHostException) {
            message = "cannot resolve the Chef server's host name '" + uri.getHost() + "': check chef_server_url"
                    + " and DNS";
        } else if (e instanceof ConnectException) {
            message = "cannot connect to the Chef server at " + where + " (" + rootMessage(e) + ")"
                    + afterAttempts(attempts) + ": check chef_server_url and that the server is up";
        } else {
            message = "lost the connection to the Chef server at " + where + " (" + rootMessage(e) + ")"
                    + afterAttempts(attempts) + ": check the network path and run again";
        }
        return new ChefServerException(0, message, e);
    }

    /**
     * A 404 that is not Chef's own "no such node/client": a proxy's or web server's page, or a chef_server_url whose
     * path does not lead to the organization. Counting it as absence would report every target gone.
     */
    static ChefServerException notChefsNotFound(URI organization, String what, String object, String body) {
        String said = "HTTP 404" + (reason(body).isEmpty() ? "" : ": " + reason(body));
        String path =
                organization.getRawPath() == null || organization.getRawPath().isEmpty()
                        ? "/"
                        : organization.getRawPath();
        String fix = "check chef_server_url (its path is " + NodeName.printable(path) + "): "
                + (ORGANIZATION_PATH.matcher(path).matches()
                        ? "it must be the Chef server's own https://HOST/organizations/ORG, not a proxy or another web"
                                + " server in front of it"
                        : "it must end in /organizations/ORG");
        return new ChefServerException(
                404,
                "the server answered 404 to " + what + " without Chef's not-found for " + object + " (" + said + "): "
                        + fix + "; this is not taken as " + object + " being gone");
    }

    /**
     * What the Chef server says when a node or client does not exist: erchef's {@code
     * chef_wm_util:not_found_message}, {@code node 'NAME' not found} and {@code Cannot load client NAME}; for clients
     * the node's wording too, {@code client 'NAME' not found}.
     */
    static List<String> notFoundMessages(String kind, NodeName name) {
        return kind.equals("node")
                ? List.of("node '" + name + "' not found")
                : List.of("Cannot load client " + name, "client '" + name + "' not found");
    }

    /** The messages of Chef's error body ({@code {"error":["a","b"]}} or {@code {"error":"a"}}); none for other text. */
    static List<String> errors(String body) {
        return json(body).map(ChefFailures::errors).orElse(List.of());
    }

    /** Chef's error bodies: {@code {"error":["a","b"]}} or {@code {"error":"code","message":"m"}}, else the text. */
    static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        Optional<JsonNode> json = json(body);
        if (json.isPresent()) {
            List<String> parts = new ArrayList<>(errors(json.get()));
            if (json.get().path("message").isTextual()) {
                parts.add(json.get().path("message").asText());
            }
            if (!parts.isEmpty()) {
                return clip(String.join("; ", parts));
            }
        }
        // Not Chef's JSON: a proxy's HTML page or plain text; show its start.
        return clip(body.replaceAll("<[^>]*>", " "));
    }

    private static List<String> errors(JsonNode json) {
        JsonNode error = json.path("error");
        List<String> messages = new ArrayList<>();
        if (error.isArray()) {
            error.forEach(e -> messages.add(e.asText()));
        } else if (error.isTextual()) {
            messages.add(error.asText());
        }
        return messages;
    }

    private static Optional<JsonNode> json(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(body);
            return json.isObject() ? Optional.of(json) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String clip(String text) {
        String line = NodeName.printable(text.replaceAll("\\s+", " ").trim());
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON) + "...";
    }

    private static String afterAttempts(int attempts) {
        return attempts > 1 ? " after " + attempts + " attempts" : "";
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = rootCause(e);
        String message = root.getMessage();
        return clip(message == null || message.isBlank() ? root.getClass().getSimpleName() : message);
    }
}
