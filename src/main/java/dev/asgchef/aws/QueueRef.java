package dev.asgchef.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SQS queue as the operator named it, for drain-queue and wire-notifications alike: a queue name, its URL
 * ({@code https://sqs.REGION.amazonaws.com/ACCOUNT/NAME}, the legacy {@code REGION.queue.amazonaws.com} host, or an
 * emulator's {@code http://HOST:PORT/ACCOUNT/NAME}) or its ARN ({@code arn:PARTITION:sqs:REGION:ACCOUNT:NAME}).
 *
 * <p>What the reference says about where the queue lives is kept: the owner account (from the ARN or the URL) lets
 * GetQueueUrl find a queue of another account, and account and region (from an AWS host or the ARN) can be checked
 * against a group's. A URL is used as given, without GetQueueUrl. {@link #toString()} is the text as the operator
 * gave it, for messages.
 *
 * <p>A FIFO queue ({@code .fifo}) is refused, by name here and by its {@code FifoQueue} attribute where one is read:
 * no Auto Scaling termination path asgchef wires or reads can deliver to one. A standard SNS topic (the only kind Auto
 * Scaling publishes to) cannot deliver to a FIFO queue, and a lifecycle hook cannot target one. And drain-queue leaves
 * a message it cannot finish yet for retry while it goes on with the others, which a FIFO queue would not allow: the
 * failing message would hold back every later one of its message group until it reached the dead-letter queue.
 */
public record QueueRef(
        String name, Optional<URI> url, Optional<String> account, Optional<String> region, String given) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern PATH = Pattern.compile("/(\\d{12})/([^/]+)/?");
    private static final Pattern AWS_HOST = Pattern.compile(
            "(?:sqs\\.([a-z0-9-]+)|([a-z]{2}(?:-[a-z0-9]+)+-\\d+)\\.queue)\\.amazonaws\\.com(?:\\.cn)?");
    private static final String FORMS = "give the queue's name, URL or ARN";

    public QueueRef {
        if (name.endsWith(".fifo")) {
            throw new IllegalArgumentException("queue '" + name + "' is a FIFO queue: a standard SNS topic cannot"
                    + " deliver to it and lifecycle hooks cannot target it. Name a standard queue (no .fifo suffix)");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "'" + name + "' is not an SQS queue name (1 to 80 letters, digits, '-'" + " and '_'): " + FORMS);
        }
    }

    /** A bare name: resolved with GetQueueUrl in the account the credentials belong to. */
    public static QueueRef named(String name) {
        return new QueueRef(name, Optional.empty(), Optional.empty(), Optional.empty(), name);
    }

    /**
     * Parses {@code NAME}, a queue URL or {@code arn:PARTITION:sqs:REGION:ACCOUNT:NAME}.
     *
     * @throws IllegalArgumentException naming what is wrong and the forms that work
     */
    public static QueueRef parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.startsWith("https://") || value.startsWith("http://")) {
            return fromUrl(value);
        }
        if (value.startsWith("arn:")) {
            Arn arn = Arn.parse(value)
                    .filter(a -> a.service().equals("sqs")
                            && !a.region().isEmpty()
                            && ACCOUNT.matcher(a.account()).matches())
                    .orElseThrow(() -> new IllegalArgumentException("'" + value + "' is not an SQS queue ARN"
                            + " (arn:aws:sqs:REGION:ACCOUNT:NAME): " + FORMS));
            return new QueueRef(
                    arn.resource(), Optional.empty(), Optional.of(arn.account()), Optional.of(arn.region()), value);
        }
        return new QueueRef(value, Optional.empty(), Optional.empty(), Optional.empty(), value);
    }

    private static QueueRef fromUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw notAUrl(text);
        }
        Matcher path = uri.getRawPath() == null ? null : PATH.matcher(uri.getRawPath());
        if (uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || path == null
                || !path.matches()) {
            throw notAUrl(text);
        }
        Matcher host = AWS_HOST.matcher(uri.getHost());
        Optional<String> region =
                host.matches() ? Optional.of(host.group(1) != null ? host.group(1) : host.group(2)) : Optional.empty();
        return new QueueRef(path.group(2), Optional.of(uri), Optional.of(path.group(1)), region, text);
    }

    private static IllegalArgumentException notAUrl(String text) {
        return new IllegalArgumentException("'" + text + "' is not an SQS queue URL"
                + " (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME): " + FORMS);
    }

    @Override
    public String toString() {
        return given;
    }
}
