package dev.asgchef.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-process fake of the Lambda Runtime API (2018-06-01) that the real Runtime Interface Client talks to: it hands
 * out the invocations a test queues on {@code GET /runtime/invocation/next} and records what comes back on {@code POST
 * /runtime/invocation/ID/response}, {@code .../error} and {@code /runtime/init/error}.
 */
final class FakeRuntimeApi implements AutoCloseable {
    private static final String BASE = "/2018-06-01/runtime/";
    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:asgchef-drain";

    /** What the function answered: its response, or the error it reported. */
    record Answer(boolean error, String body, long atNanos) {}

    private record Invocation(String requestId, String payload, Duration timeout) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private volatile boolean closed;

    FakeRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext(BASE, this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:PORT}, as AWS_LAMBDA_RUNTIME_API holds it. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one invocation; the answer completes when the function responds or reports an error. */
    CompletableFuture<Answer> invoke(String payload, Duration timeout) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        pending.add(new Invocation(requestId, payload, timeout));
        return answer;
    }

    /** When the runtime first asked for an invocation, i.e. when its init ended (System.nanoTime). */
    CompletableFuture<Long> firstPoll() {
        return firstPoll;
    }

    CompletableFuture<String> initError() {
        return initError;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
                firstPoll.complete(System.nanoTime());
                next(exchange);
            } else if (path.equals("init/error")) {
                initError.complete(body);
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
                CompletableFuture<Answer> answer = answers.get(requestId);
                if (answer == null) {
                    send(exchange, 400, "{\"errorMessage\":\"unknown request id\"}");
                    return;
                }
                answer.complete(new Answer(path.endsWith("/error"), body, System.nanoTime()));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"no such path\"}");
            }
        }
    }

    /** Long-polls as the real API does: answers only when there is an invocation (or the fake closes). */
    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = null;
        while (invocation == null && !closed) {
            try {
                invocation = pending.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (invocation == null) {
            return;
        }
        long deadline = System.currentTimeMillis() + invocation.timeout().toMillis();
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
        send(exchange, 200, invocation.payload());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
