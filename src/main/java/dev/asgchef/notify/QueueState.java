package dev.asgchef.notify;

import dev.asgchef.aws.Arn;
import java.util.Map;
import java.util.Optional;

/** A queue as SQS has it before this run touches it: absent, or its URL and attributes. */
record QueueState(Optional<String> url, Map<String, String> attributes) {
    static QueueState absent() {
        return new QueueState(Optional.empty(), Map.of());
    }

    boolean exists() {
        return url.isPresent();
    }

    Optional<Arn> arn() {
        return Optional.ofNullable(attributes.get(QueueAttributes.QUEUE_ARN)).flatMap(Arn::parse);
    }

    Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name)).filter(v -> !v.isEmpty());
    }
}
