package dev.asgchef.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * A real SQS client (for ElasticMQ) with faults on demand: the next N calls of an operation fail with a given error,
 * or the next delete batch has some of its entries refused (and not deleted). Records the operations called.
 */
public final class FaultySqs implements SqsClient {
    private final SqsClient delegate;
    private final Map<String, Deque<SdkException>> failures = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger refuseDeleteEntries = new AtomicInteger();

    public FaultySqs(SqsClient delegate) {
        this.delegate = delegate;
    }

    /** The next {@code times} calls of {@code operation} (e.g. "ReceiveMessage") fail with {@code e}. */
    public FaultySqs failNext(String operation, SdkException e, int times) {
        Deque<SdkException> queue = failures.computeIfAbsent(operation, k -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(e);
            }
        }
        return this;
    }

    /** The next delete batch reports its first {@code n} entries as failed, and leaves those messages. */
    public FaultySqs refuseNextDeleteEntries(int n) {
        refuseDeleteEntries.set(n);
        return this;
    }

    public List<String> calls() {
        return calls;
    }

    public long count(String operation) {
        return calls.stream().filter(operation::equals).count();
    }

    public static SqsException error(int status, String code, String message) {
        return (SqsException) SqsException.builder()
                .statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("Sqs")
                        .build())
                .build();
    }

    private void enter(String operation) {
        calls.add(operation);
        Deque<SdkException> queue = failures.get(operation);
        if (queue != null) {
            SdkException e;
            synchronized (queue) {
                e = queue.poll();
            }
            if (e != null) {
                throw e;
            }
        }
    }

    @Override
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        enter("GetQueueUrl");
        return delegate.getQueueUrl(request);
    }

    @Override
    public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
        enter("GetQueueAttributes");
        return delegate.getQueueAttributes(request);
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        enter("ReceiveMessage");
        return delegate.receiveMessage(request);
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        enter("DeleteMessageBatch");
        int refuse =
                Math.min(refuseDeleteEntries.getAndSet(0), request.entries().size());
        List<DeleteMessageBatchRequestEntry> kept =
                request.entries().subList(refuse, request.entries().size());
        List<DeleteMessageBatchResultEntry> successful = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (DeleteMessageBatchRequestEntry e : request.entries().subList(0, refuse)) {
            failed.add(BatchResultErrorEntry.builder()
                    .id(e.id())
                    .code("InternalError")
                    .message("We encountered an internal error. Please try again.")
                    .senderFault(false)
                    .build());
        }
        if (!kept.isEmpty()) {
            DeleteMessageBatchResponse response = delegate.deleteMessageBatch(
                    request.toBuilder().entries(kept).build());
            successful.addAll(response.successful());
            failed.addAll(response.failed());
        }
        return DeleteMessageBatchResponse.builder()
                .successful(successful)
                .failed(failed)
                .build();
    }

    @Override
    public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
        enter("ChangeMessageVisibility");
        return delegate.changeMessageVisibility(request);
    }

    @Override
    public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(
            ChangeMessageVisibilityBatchRequest request) {
        enter("ChangeMessageVisibilityBatch");
        return delegate.changeMessageVisibilityBatch(request);
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    /** The delegate belongs to the test's ElasticMq, which closes it. */
    @Override
    public void close() {}
}
