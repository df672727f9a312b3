package dev.asgchef.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** An in-process SNS of one region and account: topics with their attributes, subscriptions with theirs. */
public final class FakeSns extends FakeClient<FakeSns> implements SnsClient {
    private final String region;
    private final String account;
    private final Map<String, Map<String, String>> topics = new LinkedHashMap<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Map<String, Map<String, String>> subscriptionAttributes = new HashMap<>();
    private int counter;

    public FakeSns() {
        this(FakeAutoScaling.REGION, FakeAutoScaling.ACCOUNT);
    }

    public FakeSns(String region, String account) {
        this.region = region;
        this.account = account;
    }

    public String topicArn(String name) {
        return "arn:aws:sns:" + region + ":" + account + ":" + name;
    }

    // ---- arranging and inspecting ----

    /** An existing topic. */
    public synchronized FakeSns topic(String name) {
        topics.put(topicArn(name), new LinkedHashMap<>(Map.of("TopicArn", topicArn(name))));
        return this;
    }

    /** An existing subscription, as SNS keeps it (raw delivery off); returns its ARN. */
    public synchronized String subscribe(String topicArn, String protocol, String endpoint) {
        String arn = topicArn + ":sub-" + (++counter);
        subscriptions.add(Subscription.builder()
                .subscriptionArn(arn)
                .topicArn(topicArn)
                .protocol(protocol)
                .endpoint(endpoint)
                .owner(account)
                .build());
        subscriptionAttributes.put(arn, new HashMap<>(Map.of("RawMessageDelivery", "false")));
        return arn;
    }

    public synchronized List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** A subscription's attributes, live. */
    public synchronized Map<String, String> subscriptionAttributes(String subscriptionArn) {
        return subscriptionAttributes.get(subscriptionArn);
    }

    private static NotFoundException noTopic() {
        return NotFoundException.builder().message("Topic does not exist").build();
    }

    // ---- operations ----

    @Override
    public synchronized GetTopicAttributesResponse getTopicAttributes(GetTopicAttributesRequest r) {
        enter("getTopicAttributes", r);
        Map<String, String> attributes = topics.get(r.topicArn());
        if (attributes == null) {
            throw noTopic();
        }
        return GetTopicAttributesResponse.builder().attributes(attributes).build();
    }

    @Override
    public synchronized CreateTopicResponse createTopic(CreateTopicRequest r) {
        enter("createTopic", r);
        String arn = topicArn(r.name());
        topics.putIfAbsent(arn, new LinkedHashMap<>(Map.of("TopicArn", arn)));
        return CreateTopicResponse.builder().topicArn(arn).build();
    }

    @Override
    public synchronized ListSubscriptionsByTopicResponse listSubscriptionsByTopic(ListSubscriptionsByTopicRequest r) {
        enter("listSubscriptionsByTopic", r);
        if (!topics.containsKey(r.topicArn())) {
            throw noTopic();
        }
        return ListSubscriptionsByTopicResponse.builder()
                .subscriptions(subscriptions.stream()
                        .filter(s -> s.topicArn().equals(r.topicArn()))
                        .toList())
                .build();
    }

    @Override
    public synchronized SubscribeResponse subscribe(SubscribeRequest r) {
        enter("subscribe", r);
        String arn = subscribe(r.topicArn(), r.protocol(), r.endpoint());
        subscriptionAttributes.get(arn).putAll(r.attributes());
        return SubscribeResponse.builder().subscriptionArn(arn).build();
    }

    @Override
    public synchronized GetSubscriptionAttributesResponse getSubscriptionAttributes(
            GetSubscriptionAttributesRequest r) {
        enter("getSubscriptionAttributes", r);
        return GetSubscriptionAttributesResponse.builder()
                .attributes(subscriptionAttributes.get(r.subscriptionArn()))
                .build();
    }

    @Override
    public synchronized SetSubscriptionAttributesResponse setSubscriptionAttributes(
            SetSubscriptionAttributesRequest r) {
        enter("setSubscriptionAttributes", r);
        subscriptionAttributes.get(r.subscriptionArn()).put(r.attributeName(), r.attributeValue());
        return SetSubscriptionAttributesResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "sns";
    }
}
