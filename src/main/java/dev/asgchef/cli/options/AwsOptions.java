package dev.asgchef.cli.options;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.AwsSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --region}, {@code --profile}, {@code --endpoint-url}: where and as whom the AWS calls go. */
public final class AwsOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            order = 100,
            description = "AWS region (default: AWS_REGION, then the profile's region).")
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

    /** The validated settings; a malformed region, profile or endpoint is a usage error (exit 2). */
    public AwsSettings settings() {
        try {
            return AwsSettings.of(region, profile, endpointUrl);
        } catch (AsgchefException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
