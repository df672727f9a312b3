package dev.asgchef.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.asgchef.AsgchefException;
import dev.asgchef.drain.MessageDecision;
import dev.asgchef.drain.StopSignal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The handler for EventBridge invoking the function directly, with no queue
 * ({@code dev.asgchef.lambda.EventBridgeHandler::handleRequest}). The event, read as sent, gets drain-queue's decision;
 * anything not done throws, so Lambda's asynchronous retries and the on-failure destination apply.
 */
public final class EventBridgeHandler implements RequestStreamHandler {
    private final Function function;

    /** What Lambda calls, once per container. */
    public EventBridgeHandler() {
        this(Function.shared());
    }

    EventBridgeHandler(Function function) {
        this.function = function;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        function.reporter().announce("Invocation " + context.getAwsRequestId() + ": an EventBridge event");
        MessageDecision decision = function.decider(new StopSignal()).decide(context.getAwsRequestId(), event, 1);
        if (!SqsRecords.done(decision)) {
            throw new AsgchefException(
                    "The event was not handled: " + decision.handling().count(1)
                            + "; Lambda retries it, then sends it to the on-failure destination");
        }
        output.write(("{\"handling\":\"" + decision.handling().key() + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
