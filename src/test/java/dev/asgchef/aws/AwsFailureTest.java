package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsFailureTest {
    private static AwsServiceException service(String code, String message) {
        return AwsServiceException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }

    @Test
    void reasonIsTheServiceCodeAndMessageOnOneLine() {
        assertEquals(
                "InvalidAMIID.NotFound: The image id '[ami-1]' does not exist",
                AwsFailure.reason(service("InvalidAMIID.NotFound", "The image id '[ami-1]'\n does not exist")));
    }

    @Test
    void accessDeniedPointsAtTheIamPolicies() {
        String line = AwsFailure.describe(service("AccessDenied", "User is not authorized"));
        assertTrue(line.contains("docs/iam/"), line);
    }

    @Test
    void throttlingSaysToTryLater() {
        assertTrue(AwsFailure.describe(service("Throttling", "Rate exceeded")).contains("run again"));
    }

    @Test
    void missingCredentialsSaysHowToSetThem() {
        String line = AwsFailure.describe(SdkClientException.create("Unable to load credentials from any provider"));
        assertTrue(line.contains("--profile"), line);
        assertEquals(1, line.lines().count());
    }

    @Test
    void errorCodeIsEmptyForClientSideFailures() {
        assertEquals("", AwsFailure.errorCode(SdkClientException.create("x")));
    }
}
