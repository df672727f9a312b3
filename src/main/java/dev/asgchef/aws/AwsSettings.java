package dev.asgchef.aws;

import dev.asgchef.AsgchefException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the operator said about AWS: region, profile, endpoint override and CA bundle. Every field is optional; what is
 * missing comes from the SDK's standard chains (AWS_REGION, AWS_PROFILE, the shared config files, SSO, instance
 * metadata) and the Java runtime's certificate authorities.
 */
public record AwsSettings(
        Optional<String> region, Optional<String> profile, Optional<URI> endpoint, Optional<Path> caBundle) {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-\\d+");
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9_.@+-]{1,128}");

    public AwsSettings {
        region.ifPresent(r -> {
            if (!isRegionName(r)) {
                throw new AsgchefException("--region '" + r + "' is not an AWS region name: use a form like us-east-1");
            }
        });
        profile.ifPresent(p -> {
            if (!PROFILE.matcher(p).matches()) {
                throw new AsgchefException("--profile '" + p + "' is not a profile name from ~/.aws/config");
            }
        });
        endpoint.ifPresent(AwsSettings::checkEndpoint);
    }

    public static AwsSettings of(String region, String profile, String endpointUrl, Path caBundle) {
        return new AwsSettings(
                Optional.ofNullable(blankToNull(region)),
                Optional.ofNullable(blankToNull(profile)),
                Optional.ofNullable(blankToNull(endpointUrl)).map(AwsSettings::parseEndpoint),
                Optional.ofNullable(caBundle));
    }

    /** Whether {@code text} has the form of an AWS region name ({@code us-east-1}, {@code us-gov-west-1}). */
    public static boolean isRegionName(String text) {
        return text != null && REGION.matcher(text).matches();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static URI parseEndpoint(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new AsgchefException(
                    "--endpoint-url '" + text + "' is not a URL: use a form like http://localhost:4566");
        }
    }

    private static void checkEndpoint(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new AsgchefException("--endpoint-url '" + uri
                    + "' must be an http or https URL with a host, like http://localhost:4566");
        }
    }
}
