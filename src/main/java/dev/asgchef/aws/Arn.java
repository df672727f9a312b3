package dev.asgchef.aws;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Amazon Resource Name, {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}. Region and account are empty for
 * global resources (IAM roles have no region). The resource part is kept whole: its shape belongs to each service.
 */
public record Arn(String partition, String service, String region, String account, String resource) {
    private static final Pattern FORM =
            Pattern.compile("arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\\d{12}|):(\\S+)", Pattern.DOTALL);

    public static boolean looksLikeArn(String text) {
        return text != null && text.startsWith("arn:");
    }

    public static Optional<Arn> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
    }

    /** The ARN of another resource of this partition, region and account. */
    public Arn sibling(String otherService, String otherResource) {
        return new Arn(partition, otherService, region, account, otherResource);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
