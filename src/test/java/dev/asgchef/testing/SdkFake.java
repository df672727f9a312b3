package dev.asgchef.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkRequest;

/**
 * A fake SDK client (AutoScalingClient, Ec2Client, ...) that answers only the operations a test sets up and records
 * every call in order. The interface's consumer-builder overloads work as in the real client (they build the request
 * and call the request overload); any other call fails the test with UnsupportedOperationException, so a test that
 * sets up only reads proves that nothing was changed. A proxy, because mocking the 700-method Ec2Client with Mockito
 * costs seconds.
 */
public final class SdkFake<T> implements InvocationHandler {
    /** One call: the operation's method name and its request. */
    public record Call(String operation, SdkRequest request) {}

    private final Class<T> type;
    private final T client;
    private final Map<String, Function<SdkRequest, Object>> answers = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();

    private SdkFake(Class<T> type) {
        this.type = type;
        this.client = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, this));
    }

    public static <T> SdkFake<T> of(Class<T> type) {
        return new SdkFake<>(type);
    }

    public T client() {
        return client;
    }

    /** Answers {@code operation} (e.g. {@code "describeImages"}) with what {@code answer} returns or throws. */
    @SuppressWarnings("unchecked")
    public <Q extends SdkRequest> SdkFake<T> on(String operation, Function<Q, ?> answer) {
        boolean known = Arrays.stream(type.getMethods())
                .anyMatch(m -> m.getName().equals(operation)
                        && m.getParameterCount() == 1
                        && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0]));
        if (!known) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no operation " + operation);
        }
        answers.put(operation, r -> answer.apply((Q) r));
        return this;
    }

    /** Answers {@code operation} with these responses in turn, repeating the last. */
    public SdkFake<T> answer(String operation, Object... responses) {
        int[] next = {0};
        return on(operation, r -> responses[Math.min(next[0]++, responses.length - 1)]);
    }

    /** Every call so far, in order. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The names of the operations called so far, in order. */
    public List<String> operations() {
        return calls().stream().map(Call::operation).toList();
    }

    /** The requests of one operation, in order. */
    public <Q extends SdkRequest> List<Q> requests(String operation, Class<Q> type) {
        return calls().stream()
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

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (args == null || args.length == 0) {
            switch (name) {
                case "serviceName":
                    return type.getSimpleName();
                case "close":
                    return null;
                case "toString":
                    return "SdkFake<" + type.getSimpleName() + ">";
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    break;
            }
        }
        if (name.equals("equals") && args != null && args.length == 1) {
            return proxy == args[0];
        }
        if (args != null && args.length == 1 && args[0] instanceof SdkRequest request) {
            Function<SdkRequest, Object> answer = answers.get(name);
            if (answer == null && method.isDefault()) {
                // A paginator: the SDK's own iterable, which calls the answered operation page by page.
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (answer == null) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + name + " was not expected");
            }
            synchronized (this) {
                calls.add(new Call(name, request));
            }
            return answer.apply(request);
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        throw new UnsupportedOperationException(type.getSimpleName() + "." + name + " was not expected");
    }
}
