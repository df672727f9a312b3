package dev.asgchef.cli.options;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.AwsSettings;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --region}, {@code --profile}, {@code --endpoint-url}, {@code --ca-bundle}: where and as whom the AWS calls go,
 * and whom they trust.
 */
public final class AwsOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            order = 100,
            description = "AWS region (default: AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region).")
    String region;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            order = 101,
            description = "AWS profile from ~/.aws/config, SSO profiles included (default: AWS_PROFILE, then the"
                    + " default credential chain).")
    String profile;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            order = 102,
            description = "Send every AWS call to this endpoint instead, e.g. a local emulator (default:"
                    + " AWS_ENDPOINT_URL).")
    String endpointUrl;

    @Option(
            names = "--ca-bundle",
            paramLabel = "FILE",
            order = 103,
            description = "PEM file of the certificate authorities AWS endpoints are checked against, instead of"
                    + " Java's, e.g. a TLS-inspecting proxy's (default: AWS_CA_BUNDLE).")
    Path caBundle;

    /** The validated settings; a malformed region, profile or endpoint is a usage error (exit 2). */
    public AwsSettings settings() {
        try {
            return AwsSettings.of(region, profile, endpointUrl, caBundle);
        } catch (AsgchefException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
