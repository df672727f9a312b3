package dev.asgchef.aws;

import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK exceptions into one line an operator can act on: what AWS said, and what to do about it. */
public final class AwsFailure {
    private AwsFailure() {}

    /** The service's own one-line reason, e.g. {@code InvalidAMIID.NotFound: The image id '[ami-…]' does not exist}. */
    public static String reason(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return oneLine(
                    (code == null ? "" : code + ": ") + (message == null ? "HTTP " + service.statusCode() : message));
        }
        return oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** The error code AWS returned, or empty for client-side failures. */
    public static String errorCode(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            return code == null ? "" : code;
        }
        return "";
    }

    /** The reason and the fix, for the error handler's one line. */
    public static String describe(SdkException e) {
        String reason = reason(e);
        return fix(e).map(f -> "AWS: " + reason + ". " + f).orElse("AWS: " + reason);
    }

    /** What the operator can do about the failure, when there is something better to say than the reason. */
    public static Optional<String> fix(SdkException e) {
        String code = errorCode(e).toLowerCase(Locale.ROOT);
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (code.contains("accessdenied") || code.contains("unauthorizedoperation") || code.contains("authorization")) {
            return Optional.of("Grant the missing permission: the least-privilege policies are in docs/iam/");
        }
        if (code.contains("expiredtoken") || code.contains("expired")) {
            return Optional.of("Refresh your credentials (for an SSO profile: aws sso login --profile NAME)");
        }
        if (code.contains("invalidclienttokenid") || code.contains("signaturedoesnotmatch")) {
            return Optional.of("Check the AWS credentials in use (aws sts get-caller-identity shows whose they are)");
        }
        if (code.contains("throttl") || code.contains("requestlimitexceeded") || code.contains("toomanyrequests")) {
            return Optional.of("AWS is throttling this account after retries: run again in a few minutes");
        }
        if (e instanceof ApiCallTimeoutException) {
            return Optional.of("The call timed out: check the network path to AWS or --endpoint-url");
        }
        if (e instanceof SdkClientException) {
            if (message.contains("unable to load credentials") || message.contains("credentials")) {
                return Optional.of(
                        "Set credentials: --profile NAME, AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,"
                                + " or aws sso login");
            }
            if (message.contains("unable to execute http request") || message.contains("connect")) {
                return Optional.of("Check the network, the region, and --endpoint-url if you use one");
            }
        }
        return Optional.empty();
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 400 ? flat.substring(0, 397) + "..." : flat;
    }
}
