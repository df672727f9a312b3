package dev.asgchef.notify;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.mockito.Answers;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingServiceClientConfiguration;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeLifecycleHooksRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLifecycleHooksResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeNotificationConfigurationsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeNotificationConfigurationsResponse;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;
import software.amazon.awssdk.services.autoscaling.model.NotificationConfiguration;
import software.amazon.awssdk.services.autoscaling.model.PutLifecycleHookRequest;
import software.amazon.awssdk.services.autoscaling.model.PutLifecycleHookResponse;
import software.amazon.awssdk.services.autoscaling.model.PutNotificationConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.PutNotificationConfigurationResponse;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.CreateTopicResponse;
import software.amazon.awssdk.services.sns.model.GetSubscriptionAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetSubscriptionAttributesResponse;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesResponse;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicRequest;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SetSubscriptionAttributesRequest;
import software.amazon.awssdk.services.sns.model.SetSubscriptionAttributesResponse;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;
import software.amazon.awssdk.services.sns.model.SubscribeResponse;
import software.amazon.awssdk.services.sns.model.Subscription;
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
 * Mockito mocks of the Auto Scaling, SNS, SQS and KMS clients whose answers are backed by a small in-memory account,
 * so a test can run the wiring twice and see the second run find what the first made. Unanswered operations throw
 * (the SDK interfaces' own defaults), and every mutating call is recorded in {@link #mutations}.
 */
final class FakeAws {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String GROUP = "web";
    static final String GROUP_ARN = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:"
            + "8dc6c859-0000-4000-8000-72678f7a5a0a:autoScalingGroupName/web";

    final AutoScalingClient autoScaling = strictMock(AutoScalingClient.class);
    final SnsClient sns = strictMock(SnsClient.class);
    final SqsClient sqs = strictMock(SqsClient.class);
    final KmsClient kms = strictMock(KmsClient.class);

    final List<String> mutations = new ArrayList<>();
    final Set<String> groups = new TreeSet<>(Set.of(GROUP));
    final Map<String, Map<String, String>> topics = new LinkedHashMap<>();
    final Map<String, Map<String, String>> queues = new LinkedHashMap<>();
    final Map<String, Deque<Message>> visible = new HashMap<>();
    final Map<String, Message> inFlight = new HashMap<>();
    final List<Subscription> subscriptions = new ArrayList<>();
    final Map<String, Map<String, String>> subscriptionAttributes = new HashMap<>();
    final Map<String, Set<String>> notifications = new LinkedHashMap<>();
    final Map<String, LifecycleHook> hooks = new LinkedHashMap<>();
    /** Runs after each PutNotificationConfiguration, as AWS would send its test notification. */
    Consumer<PutNotificationConfigurationRequest> onNotificationPut = request -> {};
    /** When set, PutLifecycleHook fails with it. */
    AwsServiceException hookFailure;

    /** The account the group, and so every ARN derived from it, lives in. */
    final String account;

    private int counter;

    private static <T> T strictMock(Class<T> type) {
        return mock(type, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS));
    }

    FakeAws() {
        this(ACCOUNT);
    }

    FakeAws(String account) {
        this.account = account;
        answerAutoScaling();
        answerSns();
        answerSqs();
    }

    static String topicArn(String name) {
        return "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + name;
    }

    static String queueArn(String name) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
    }

    static String queueUrl(String name) {
        return "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + name;
    }

    static AwsServiceException serviceError(String code, String message) {
        return error(AwsServiceException.builder(), code, message);
    }

    /** What the Auto Scaling client throws for an error answer. */
    static AwsServiceException autoScalingError(String code, String message) {
        return error(AutoScalingException.builder(), code, message);
    }

    private static AwsServiceException error(AwsServiceException.Builder builder, String code, String message) {
        return builder.message(message)
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }

    /** A queue as SQS would have made it with these attributes. */
    FakeAws queue(String name, Map<String, String> attributes) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("QueueArn", queueArn(name));
        all.put("VisibilityTimeout", "30");
        all.put("ReceiveMessageWaitTimeSeconds", "0");
        all.put("MessageRetentionPeriod", "345600");
        all.put("SqsManagedSseEnabled", "true");
        apply(all, attributes);
        queues.put(name, all);
        visible.put(name, new ArrayDeque<>());
        return this;
    }

    FakeAws topic(String name) {
        topics.put(topicArn(name), new LinkedHashMap<>(Map.of("TopicArn", topicArn(name))));
        return this;
    }

    void send(String queue, String body) {
        String id = "m-" + (++counter);
        visible.get(queue)
                .add(Message.builder()
                        .messageId(id)
                        .receiptHandle("rh-" + id)
                        .body(body)
                        .build());
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

    private static String nameOfUrl(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private void answerAutoScaling() {
        doReturn(AutoScalingServiceClientConfiguration.builder()
                        .region(Region.of(REGION))
                        .build())
                .when(autoScaling)
                .serviceClientConfiguration();
        doAnswer(inv -> {
                    DescribeAutoScalingGroupsRequest r = inv.getArgument(0);
                    List<AutoScalingGroup> found = r.autoScalingGroupNames().stream()
                            .filter(groups::contains)
                            .map(n -> AutoScalingGroup.builder()
                                    .autoScalingGroupName(n)
                                    .autoScalingGroupARN(
                                            GROUP_ARN.replace(ACCOUNT, account).replace("/web", "/" + n))
                                    .build())
                            .toList();
                    return DescribeAutoScalingGroupsResponse.builder()
                            .autoScalingGroups(found)
                            .build();
                })
                .when(autoScaling)
                .describeAutoScalingGroups(any(DescribeAutoScalingGroupsRequest.class));
        doAnswer(inv -> {
                    List<NotificationConfiguration> all = new ArrayList<>();
                    notifications.forEach(
                            (topic, types) -> types.forEach(t -> all.add(NotificationConfiguration.builder()
                                    .autoScalingGroupName(GROUP)
                                    .topicARN(topic)
                                    .notificationType(t)
                                    .build())));
                    return DescribeNotificationConfigurationsResponse.builder()
                            .notificationConfigurations(all)
                            .build();
                })
                .when(autoScaling)
                .describeNotificationConfigurations(any(DescribeNotificationConfigurationsRequest.class));
        doAnswer(inv -> {
                    PutNotificationConfigurationRequest r = inv.getArgument(0);
                    mutations.add("autoscaling:PutNotificationConfiguration");
                    notifications.put(r.topicARN(), new TreeSet<>(r.notificationTypes()));
                    onNotificationPut.accept(r);
                    return PutNotificationConfigurationResponse.builder().build();
                })
                .when(autoScaling)
                .putNotificationConfiguration(any(PutNotificationConfigurationRequest.class));
        doAnswer(inv -> {
                    DescribeLifecycleHooksRequest r = inv.getArgument(0);
                    return DescribeLifecycleHooksResponse.builder()
                            .lifecycleHooks(r.lifecycleHookNames().stream()
                                    .filter(hooks::containsKey)
                                    .map(hooks::get)
                                    .toList())
                            .build();
                })
                .when(autoScaling)
                .describeLifecycleHooks(any(DescribeLifecycleHooksRequest.class));
        doAnswer(inv -> {
                    PutLifecycleHookRequest r = inv.getArgument(0);
                    mutations.add("autoscaling:PutLifecycleHook");
                    if (hookFailure != null) {
                        throw hookFailure;
                    }
                    hooks.put(
                            r.lifecycleHookName(),
                            LifecycleHook.builder()
                                    .autoScalingGroupName(r.autoScalingGroupName())
                                    .lifecycleHookName(r.lifecycleHookName())
                                    .lifecycleTransition(r.lifecycleTransition())
                                    .notificationTargetARN(r.notificationTargetARN())
                                    .roleARN(r.roleARN())
                                    .heartbeatTimeout(r.heartbeatTimeout())
                                    .defaultResult(r.defaultResult())
                                    .build());
                    return PutLifecycleHookResponse.builder().build();
                })
                .when(autoScaling)
                .putLifecycleHook(any(PutLifecycleHookRequest.class));
    }

    private void answerSns() {
        doAnswer(inv -> {
                    GetTopicAttributesRequest r = inv.getArgument(0);
                    Map<String, String> attributes = topics.get(r.topicArn());
                    if (attributes == null) {
                        throw NotFoundException.builder()
                                .message("Topic does not exist")
                                .build();
                    }
                    return GetTopicAttributesResponse.builder()
                            .attributes(attributes)
                            .build();
                })
                .when(sns)
                .getTopicAttributes(any(GetTopicAttributesRequest.class));
        doAnswer(inv -> {
                    CreateTopicRequest r = inv.getArgument(0);
                    mutations.add("sns:CreateTopic");
                    String arn = topicArn(r.name()).replace(ACCOUNT, account);
                    topics.put(arn, new LinkedHashMap<>(Map.of("TopicArn", arn)));
                    return CreateTopicResponse.builder().topicArn(arn).build();
                })
                .when(sns)
                .createTopic(any(CreateTopicRequest.class));
        doAnswer(inv -> {
                    ListSubscriptionsByTopicRequest r = inv.getArgument(0);
                    if (!topics.containsKey(r.topicArn())) {
                        throw NotFoundException.builder()
                                .message("Topic does not exist")
                                .build();
                    }
                    return ListSubscriptionsByTopicResponse.builder()
                            .subscriptions(subscriptions.stream()
                                    .filter(s -> s.topicArn().equals(r.topicArn()))
                                    .toList())
                            .build();
                })
                .when(sns)
                .listSubscriptionsByTopic(any(ListSubscriptionsByTopicRequest.class));
        doAnswer(inv -> {
                    SubscribeRequest r = inv.getArgument(0);
                    mutations.add("sns:Subscribe");
                    String arn = subscribe(r.topicArn(), r.protocol(), r.endpoint());
                    subscriptionAttributes.get(arn).putAll(r.attributes());
                    return SubscribeResponse.builder().subscriptionArn(arn).build();
                })
                .when(sns)
                .subscribe(any(SubscribeRequest.class));
        doAnswer(inv -> {
                    GetSubscriptionAttributesRequest r = inv.getArgument(0);
                    return GetSubscriptionAttributesResponse.builder()
                            .attributes(subscriptionAttributes.get(r.subscriptionArn()))
                            .build();
                })
                .when(sns)
                .getSubscriptionAttributes(any(GetSubscriptionAttributesRequest.class));
        doAnswer(inv -> {
                    SetSubscriptionAttributesRequest r = inv.getArgument(0);
                    mutations.add("sns:SetSubscriptionAttributes");
                    subscriptionAttributes.get(r.subscriptionArn()).put(r.attributeName(), r.attributeValue());
                    return SetSubscriptionAttributesResponse.builder().build();
                })
                .when(sns)
                .setSubscriptionAttributes(any(SetSubscriptionAttributesRequest.class));
    }

    /** An existing subscription, as SNS keeps it; returns its ARN. */
    String subscribe(String topicArn, String protocol, String endpoint) {
        String arn = topicArn + ":sub-" + (++counter);
        subscriptions.add(Subscription.builder()
                .subscriptionArn(arn)
                .topicArn(topicArn)
                .protocol(protocol)
                .endpoint(endpoint)
                .owner(ACCOUNT)
                .build());
        subscriptionAttributes.put(arn, new HashMap<>(Map.of("RawMessageDelivery", "false")));
        return arn;
    }

    private void answerSqs() {
        doAnswer(inv -> {
                    GetQueueUrlRequest r = inv.getArgument(0);
                    if (!queues.containsKey(r.queueName())) {
                        throw QueueDoesNotExistException.builder()
                                .message("The specified queue does not exist.")
                                .build();
                    }
                    return GetQueueUrlResponse.builder()
                            .queueUrl(queueUrl(r.queueName()))
                            .build();
                })
                .when(sqs)
                .getQueueUrl(any(GetQueueUrlRequest.class));
        doAnswer(inv -> {
                    GetQueueAttributesRequest r = inv.getArgument(0);
                    return GetQueueAttributesResponse.builder()
                            .attributesWithStrings(queues.get(nameOfUrl(r.queueUrl())))
                            .build();
                })
                .when(sqs)
                .getQueueAttributes(any(GetQueueAttributesRequest.class));
        doAnswer(inv -> {
                    CreateQueueRequest r = inv.getArgument(0);
                    mutations.add("sqs:CreateQueue " + r.queueName());
                    queue(r.queueName(), r.attributesAsStrings());
                    return CreateQueueResponse.builder()
                            .queueUrl(queueUrl(r.queueName()))
                            .build();
                })
                .when(sqs)
                .createQueue(any(CreateQueueRequest.class));
        doAnswer(inv -> {
                    SetQueueAttributesRequest r = inv.getArgument(0);
                    String name = nameOfUrl(r.queueUrl());
                    mutations.add("sqs:SetQueueAttributes " + name + " "
                            + new TreeSet<>(r.attributesAsStrings().keySet()));
                    apply(queues.get(name), r.attributesAsStrings());
                    return SetQueueAttributesResponse.builder().build();
                })
                .when(sqs)
                .setQueueAttributes(any(SetQueueAttributesRequest.class));
        doAnswer(inv -> {
                    ReceiveMessageRequest r = inv.getArgument(0);
                    Deque<Message> pending = visible.get(nameOfUrl(r.queueUrl()));
                    List<Message> out = new ArrayList<>();
                    while (!pending.isEmpty() && out.size() < r.maxNumberOfMessages()) {
                        Message m = pending.poll();
                        inFlight.put(m.receiptHandle(), m);
                        out.add(m);
                    }
                    if (out.isEmpty()) {
                        onEmptyReceive.accept(r);
                    }
                    return ReceiveMessageResponse.builder().messages(out).build();
                })
                .when(sqs)
                .receiveMessage(any(ReceiveMessageRequest.class));
        doAnswer(inv -> {
                    DeleteMessageRequest r = inv.getArgument(0);
                    mutations.add("sqs:DeleteMessage");
                    inFlight.remove(r.receiptHandle());
                    return DeleteMessageResponse.builder().build();
                })
                .when(sqs)
                .deleteMessage(any(DeleteMessageRequest.class));
        doAnswer(inv -> {
                    ChangeMessageVisibilityBatchRequest r = inv.getArgument(0);
                    String name = nameOfUrl(r.queueUrl());
                    for (ChangeMessageVisibilityBatchRequestEntry e : r.entries()) {
                        Message m = inFlight.remove(e.receiptHandle());
                        if (m != null && e.visibilityTimeout() == 0) {
                            visible.get(name).add(m);
                        }
                    }
                    return ChangeMessageVisibilityBatchResponse.builder().build();
                })
                .when(sqs)
                .changeMessageVisibilityBatch(any(ChangeMessageVisibilityBatchRequest.class));
    }

    /** Runs after a receive that found nothing, e.g. to move a test clock on by the long poll's whole wait. */
    Consumer<ReceiveMessageRequest> onEmptyReceive = request -> {};
}
