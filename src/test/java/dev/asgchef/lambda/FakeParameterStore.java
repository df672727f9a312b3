package dev.asgchef.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SSM Parameter Store's GetParameter behind its real protocol (AWS JSON 1.1, {@code X-Amz-Target:
 * AmazonSSM.GetParameter}) on a loopback port, for the function's real SDK client in a child JVM.
 */
final class FakeParameterStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> secureStrings = new ConcurrentHashMap<>();
    private final List<String> reads = new CopyOnWriteArrayList<>();

    FakeParameterStore() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeParameterStore put(String name, String value) {
        secureStrings.put(name, value);
        return this;
    }

    /** The names asked for, one per GetParameter call. */
    List<String> reads() {
        return List.copyOf(reads);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            if (!target.equals("AmazonSSM.GetParameter")) {
                send(exchange, 400, error("InvalidAction", "the fake answers GetParameter only, not " + target));
                return;
            }
            String name = request.path("Name").asText();
            reads.add(name);
            String value = secureStrings.get(name);
            if (value == null) {
                send(exchange, 400, error("ParameterNotFound", "Parameter " + name + " not found."));
                return;
            }
            if (!request.path("WithDecryption").asBoolean(false)) {
                value = "(encrypted)";
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.putObject("Parameter")
                    .put("Name", name)
                    .put("Type", "SecureString")
                    .put("Value", value)
                    .put("Version", 1);
            send(exchange, 200, answer);
        }
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message);
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
