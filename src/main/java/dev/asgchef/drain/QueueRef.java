package dev.asgchef.drain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queue the operator named: a queue name (resolved with GetQueueUrl), its URL, or its ARN (resolved with the
 * owner's account id, so a queue in another account works).
 */
public record QueueRef(String name, Optional<URI> url, Optional<String> ownerAccount) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:sqs:[a-z0-9-]+:(\\d{12}):([^:]+)");

    public QueueRef {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an SQS queue name (up to 80 letters, digits,"
                    + " - and _): give the queue's name, URL or ARN");
        }
    }

    /** Parses NAME, URL or ARN; throws IllegalArgumentException with the operator's fix. */
    public static QueueRef parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.startsWith("https://") || value.startsWith("http://")) {
            return fromUrl(value);
        }
        Matcher arn = ARN.matcher(value);
        if (arn.matches()) {
            return new QueueRef(arn.group(2), Optional.empty(), Optional.of(arn.group(1)));
        }
        return new QueueRef(value, Optional.empty(), Optional.empty());
    }

    private static QueueRef fromUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a queue URL: use a form like"
                    + " https://sqs.us-east-1.amazonaws.com/123456789012/asg-events");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null || name.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a queue URL: use a form like"
                    + " https://sqs.us-east-1.amazonaws.com/123456789012/asg-events");
        }
        return new QueueRef(name, Optional.of(uri), Optional.empty());
    }

    @Override
    public String toString() {
        return name;
    }
}
