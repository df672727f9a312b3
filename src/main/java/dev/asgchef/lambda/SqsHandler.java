package dev.asgchef.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.asgchef.drain.MessageDecider;
import dev.asgchef.drain.MessageDecision;
import dev.asgchef.drain.StopSignal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handler of an SQS event source mapping with {@code ReportBatchItemFailures}
 * ({@code dev.asgchef.lambda.SqsHandler::handleRequest}). Each record gets drain-queue's decision ({@link MessageDecider}); the response names
 * every record not done, so SQS deletes the done ones and hands the rest out again, to the dead-letter queue in the
 * end. When the function fails instead (a setting, a secret, an {@link Error}, its timeout) there is no response, and
 * SQS keeps the whole batch: nothing is ever reported done that was not.
 */
public final class SqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Function function;

    /** What Lambda calls, once per container. */
    public SqsHandler() {
        this(Function.shared());
    }

    SqsHandler(Function function) {
        this.function = function;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SqsRecords.Received> batch = SqsRecords.received(event);
        function.reporter()
                .announce("Invocation " + context.getAwsRequestId() + ": " + batch.size()
                        + (batch.size() == 1 ? " message" : " messages") + " from "
                        + SqsRecords.queue(event).name());
        long allowance = function.cleanupAllowance().toMillis();
        StopSignal outOfTime = new StopSignal();
        MessageDecider decider = function.decider(outOfTime);
        Map<String, MessageDecision> decided = new LinkedHashMap<>();
        for (SqsRecords.Received message : batch) {
            if (context.getRemainingTimeInMillis() < allowance) {
                outOfTime.request();
            }
            decided.put(
                    message.messageId(), decider.decide(message.messageId(), message.body(), message.receiveCount()));
        }
        SQSBatchResponse response = SqsRecords.response(batch, decided);
        function.reporter()
                .summary(batch.size() - response.getBatchItemFailures().size() + " done, "
                        + response.getBatchItemFailures().size() + " left for retry");
        return response;
    }
}
