package dev.asgchef.notify;

import dev.asgchef.aws.Arn;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SQS queue as the operator named it: a name, a queue URL ({@code https://sqs.REGION.amazonaws.com/ACCOUNT/NAME},
 * or any endpoint's {@code /ACCOUNT/NAME} for an emulator) or an ARN. What the reference says about account and region
 * is kept so it can be checked against the group's.
 */
public record QueueRef(String name, Optional<String> account, Optional<String> region, String given) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern PATH = Pattern.compile("/(\\d{12})/([^/]+)/?");
    private static final Pattern AWS_HOST = Pattern.compile(
            "(?:sqs\\.([a-z0-9-]+)|([a-z]{2}(?:-[a-z0-9]+)+-\\d+)\\.queue)\\.amazonaws\\.com(?:\\.cn)?");

    public QueueRef {
        if (name.endsWith(".fifo")) {
            throw new IllegalArgumentException("queue '" + name + "' is a FIFO queue: a standard SNS topic cannot"
                    + " deliver to it and lifecycle hooks cannot target it. Name a standard queue (no .fifo suffix)");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an SQS queue name: use 1 to 80 letters, digits,"
                    + " '-' or '_', or a queue URL");
        }
    }

    public static QueueRef named(String name) {
        return new QueueRef(name, Optional.empty(), Optional.empty(), name);
    }

    /** Parses {@code NAME}, a queue URL or {@code arn:aws:sqs:REGION:ACCOUNT:NAME}. */
    public static QueueRef parse(String text) {
        if (text.startsWith("arn:")) {
            Arn arn = Arn.parse(text)
                    .filter(a -> a.service().equals("sqs")
                            && !a.region().isEmpty()
                            && GroupRef.ACCOUNT_ID.matcher(a.account()).matches())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "'" + text + "' is not an SQS queue ARN: expected arn:aws:sqs:REGION:ACCOUNT:NAME"));
            return new QueueRef(arn.resource(), Optional.of(arn.account()), Optional.of(arn.region()), text);
        }
        if (text.startsWith("https://") || text.startsWith("http://")) {
            return fromUrl(text);
        }
        return named(text);
    }

    private static QueueRef fromUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
        Matcher path = uri.getRawPath() == null ? null : PATH.matcher(uri.getRawPath());
        if (uri.getHost() == null || uri.getRawQuery() != null || path == null || !path.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an SQS queue URL: expected"
                    + " https://sqs.REGION.amazonaws.com/ACCOUNT/NAME");
        }
        Matcher host = AWS_HOST.matcher(uri.getHost());
        Optional<String> region =
                host.matches() ? Optional.of(host.group(1) != null ? host.group(1) : host.group(2)) : Optional.empty();
        return new QueueRef(path.group(2), Optional.of(path.group(1)), region, text);
    }

    @Override
    public String toString() {
        return given;
    }
}
