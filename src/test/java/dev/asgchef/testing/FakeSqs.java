package dev.asgchef.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesResponse;

/**
 * An in-process SQS of one region and account for unit tests: queues with their attributes as SQS reports them (one
 * encryption mode at a time), messages visible or in flight, receives that return at once. For SQS's real behaviour
 * (long polling, visibility timeouts, redrive) end to end, use {@link ElasticMq}.
 */
public final class FakeSqs extends FakeClient<FakeSqs> implements SqsClient {
    private final String region;
    private final String account;
    private final Map<String, Map<String, String>> queues = new LinkedHashMap<>();
    private final Map<String, Deque<Message>> visible = new HashMap<>();
    private final Map<String, Message> inFlight = new HashMap<>();
    private Consumer<ReceiveMessageRequest> onEmptyReceive = r -> {};
    private int messages;

    public FakeSqs() {
        this(FakeAutoScaling.REGION, FakeAutoScaling.ACCOUNT);
    }

    public FakeSqs(String region, String account) {
        this.region = region;
        this.account = account;
    }

    public String arn(String queue) {
        return "arn:aws:sqs:" + region + ":" + account + ":" + queue;
    }

    public String url(String queue) {
        return "https://sqs." + region + ".amazonaws.com/" + account + "/" + queue;
    }

    // ---- arranging and inspecting ----

    /** A queue as SQS would have made it with these attributes. */
    public synchronized FakeSqs queue(String name, Map<String, String> attributes) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("QueueArn", arn(name));
        all.put("VisibilityTimeout", "30");
        all.put("ReceiveMessageWaitTimeSeconds", "0");
        all.put("MessageRetentionPeriod", "345600");
        all.put("SqsManagedSseEnabled", "true");
        apply(all, attributes);
        queues.put(name, all);
        visible.put(name, new ArrayDeque<>());
        return this;
    }

    /** A queue's attributes, live; null when there is no such queue. */
    public synchronized Map<String, String> attributes(String queue) {
        return queues.get(queue);
    }

    public synchronized void send(String queue, String body) {
        String id = "m-" + (++messages);
        visible.get(queue)
                .add(Message.builder()
                        .messageId(id)
                        .receiptHandle("rh-" + id)
                        .body(body)
                        .build());
    }

    /** The messages a receive would get now, oldest first, live. */
    public synchronized Deque<Message> visible(String queue) {
        return visible.get(queue);
    }

    /** Messages received and neither deleted nor made visible again, by receipt handle. */
    public synchronized Map<String, Message> inFlight() {
        return inFlight;
    }

    /** Runs after a receive that found nothing, e.g. to move a test clock on by the long poll's whole wait. */
    public FakeSqs onEmptyReceive(Consumer<ReceiveMessageRequest> action) {
        this.onEmptyReceive = action;
        return this;
    }

    /** SQS keeps one encryption mode: setting one drops the other. */
    private static void apply(Map<String, String> current, Map<String, String> changes) {
        current.putAll(changes);
        if (changes.containsKey("KmsMasterKeyId")) {
            current.put("SqsManagedSseEnabled", "false");
        }
        if ("true".equals(changes.get("SqsManagedSseEnabled"))) {
            current.remove("KmsMasterKeyId");
        }
    }

    private static String nameOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    // ---- operations ----

    @Override
    public synchronized GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest r) {
        enter("getQueueUrl", r);
        if (!queues.containsKey(r.queueName())) {
            throw QueueDoesNotExistException.builder()
                    .message("The specified queue does not exist.")
                    .build();
        }
        return GetQueueUrlResponse.builder().queueUrl(url(r.queueName())).build();
    }

    @Override
    public synchronized GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest r) {
        enter("getQueueAttributes", r);
        return GetQueueAttributesResponse.builder()
                .attributesWithStrings(queues.get(nameOf(r.queueUrl())))
                .build();
    }

    @Override
    public synchronized CreateQueueResponse createQueue(CreateQueueRequest r) {
        enter("createQueue", r);
        queue(r.queueName(), r.attributesAsStrings());
        return CreateQueueResponse.builder().queueUrl(url(r.queueName())).build();
    }

    @Override
    public synchronized SetQueueAttributesResponse setQueueAttributes(SetQueueAttributesRequest r) {
        enter("setQueueAttributes", r);
        apply(queues.get(nameOf(r.queueUrl())), r.attributesAsStrings());
        return SetQueueAttributesResponse.builder().build();
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest r) {
        List<Message> out = new ArrayList<>();
        synchronized (this) {
            enter("receiveMessage", r);
            Deque<Message> pending = visible.get(nameOf(r.queueUrl()));
            int max = r.maxNumberOfMessages() == null ? 1 : r.maxNumberOfMessages();
            while (!pending.isEmpty() && out.size() < max) {
                Message m = pending.poll();
                inFlight.put(m.receiptHandle(), m);
                out.add(m);
            }
        }
        if (out.isEmpty()) {
            onEmptyReceive.accept(r);
        }
        return ReceiveMessageResponse.builder().messages(out).build();
    }

    @Override
    public synchronized DeleteMessageResponse deleteMessage(DeleteMessageRequest r) {
        enter("deleteMessage", r);
        inFlight.remove(r.receiptHandle());
        return DeleteMessageResponse.builder().build();
    }

    @Override
    public synchronized ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(
            ChangeMessageVisibilityBatchRequest r) {
        enter("changeMessageVisibilityBatch", r);
        String name = nameOf(r.queueUrl());
        for (ChangeMessageVisibilityBatchRequestEntry e : r.entries()) {
            Message m = inFlight.remove(e.receiptHandle());
            if (m != null && e.visibilityTimeout() == 0) {
                visible.get(name).add(m);
            }
        }
        return ChangeMessageVisibilityBatchResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "sqs";
    }
}
