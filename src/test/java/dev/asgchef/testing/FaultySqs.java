package dev.asgchef.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * A real SQS client (for ElasticMQ) with faults on demand: {@link #failNext} makes the next N calls of an operation
 * fail, or the next delete batch has some of its entries refused (and not deleted). Records the operations called.
 */
public final class FaultySqs extends FakeClient<FaultySqs> implements SqsClient {
    private final SqsClient delegate;
    private final AtomicInteger refuseDeleteEntries = new AtomicInteger();

    public FaultySqs(SqsClient delegate) {
        this.delegate = delegate;
    }

    /** The next delete batch reports its first {@code n} entries as failed, and leaves those messages. */
    public FaultySqs refuseNextDeleteEntries(int n) {
        refuseDeleteEntries.set(n);
        return this;
    }

    public static SqsException error(int status, String code, String message) {
        return error(SqsException.builder(), status, code, message);
    }

    @Override
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        enter("getQueueUrl", request);
        return delegate.getQueueUrl(request);
    }

    @Override
    public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
        enter("getQueueAttributes", request);
        return delegate.getQueueAttributes(request);
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        enter("receiveMessage", request);
        return delegate.receiveMessage(request);
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        enter("deleteMessageBatch", request);
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
        enter("changeMessageVisibility", request);
        return delegate.changeMessageVisibility(request);
    }

    @Override
    public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(
            ChangeMessageVisibilityBatchRequest request) {
        enter("changeMessageVisibilityBatch", request);
        return delegate.changeMessageVisibilityBatch(request);
    }

    @Override
    public SendMessageResponse sendMessage(SendMessageRequest request) {
        enter("sendMessage", request);
        return delegate.sendMessage(request);
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    /** The delegate belongs to the test's ElasticMq, which closes it. */
    @Override
    public void close() {}
}
