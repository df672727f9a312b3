package dev.asgchef.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;

/**
 * What every in-process fake of an SDK client shares: each call it receives, recorded in order under the client
 * method's name ({@code "describeImages"}), and faults on demand: an operation fails every time from now on, or its next
 * N calls fail. A fake extends this and implements the SDK interface, overriding only the operations its tests use:
 * the interface's other methods are defaults that throw UnsupportedOperationException, and its consumer-builder and
 * paginator forms call the overridden request form, so they are recorded and answered too.
 */
public abstract class FakeClient<F extends FakeClient<F>> {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** One call: when it came (across every fake, for merging several fakes' calls), the operation, the request. */
    public record Call(long sequence, String operation, SdkRequest request) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, RuntimeException> always = new ConcurrentHashMap<>();
    private final Map<String, Deque<RuntimeException>> next = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    private F self() {
        return (F) this;
    }

    /** Every later call of {@code operation} fails with {@code e}. */
    public F failOn(String operation, RuntimeException e) {
        always.put(operation, e);
        return self();
    }

    /** The next {@code times} calls of {@code operation} fail with {@code e}; later ones are answered again. */
    public F failNext(String operation, RuntimeException e, int times) {
        Deque<RuntimeException> queue = next.computeIfAbsent(operation, k -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(e);
            }
        }
        return self();
    }

    /** Records a call and throws the fault set up for its operation, if any: the first line of each operation. */
    protected final void enter(String operation, SdkRequest request) {
        calls.add(new Call(SEQUENCE.incrementAndGet(), operation, request));
        Deque<RuntimeException> queue = next.get(operation);
        if (queue != null) {
            RuntimeException e;
            synchronized (queue) {
                e = queue.poll();
            }
            if (e != null) {
                throw e;
            }
        }
        RuntimeException e = always.get(operation);
        if (e != null) {
            throw e;
        }
    }

    /** Every call so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The names of the operations called so far, in order. */
    public List<String> operations() {
        return calls.stream().map(Call::operation).toList();
    }

    public long count(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).count();
    }

    /** The requests of one operation, in order. */
    public <Q extends SdkRequest> List<Q> requests(String operation, Class<Q> type) {
        return calls.stream()
                .filter(c -> c.operation().equals(operation))
                .map(c -> type.cast(c.request()))
                .toList();
    }

    /** The one request of an operation called exactly once. */
    public <Q extends SdkRequest> Q request(String operation, Class<Q> type) {
        List<Q> requests = requests(operation, type);
        if (requests.size() != 1) {
            throw new AssertionError(operation + " was called " + requests.size() + " times: " + operations());
        }
        return requests.get(0);
    }

    public void forgetCalls() {
        calls.clear();
    }

    /** A service's error as its SDK client throws it, e.g. {@code error(Ec2Exception.builder(), 400, ...)}. */
    @SuppressWarnings("unchecked")
    public static <E extends AwsServiceException> E error(
            AwsServiceException.Builder builder, int status, String code, String message) {
        return (E) builder.statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }

    /** Whether someone closed this client: a client handed in must stay open for whoever handed it in. */
    public boolean closed() {
        return closed;
    }

    public void close() {
        closed = true;
    }
}
