package dev.asgchef.aws;

import dev.asgchef.AsgchefException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds every SDK client of one invocation from {@link AwsSettings}: the region and credential chains (SSO profiles
 * included), {@code --endpoint-url} for every service, the standard retry mode, and one url-connection HTTP client.
 * Clients are built on first use, so a command that never talks to AWS (a dry run, {@code --help}) pays nothing; all
 * are closed by {@link #close()}.
 */
public final class AwsClients implements AutoCloseable {
    /** Opens the clients of one invocation; commands get a provider because options are known only after parsing. */
    @FunctionalInterface
    public interface Provider {
        AwsClients open(AwsSettings settings);
    }

    /** The production provider: credentials from {@code --profile} or the default chain. */
    public static Provider standard() {
        return AwsClients::new;
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Above SQS's 20 s long poll, so a receive never times out while waiting for messages. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(35);

    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(40);
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private static final String PROFILE_FILES =
            "~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)";

    private final AwsSettings settings;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Map<Class<? extends SdkClient>, SdkClient> supplied = new HashMap<>();
    private SdkHttpClient http;
    private AwsCredentialsProvider credentials;
    private Optional<Region> region;
    private AutoScalingClient autoScaling;
    private CloudWatchClient cloudWatch;
    private final Map<Region, Ec2Client> ec2 = new HashMap<>();
    private EventBridgeClient eventBridge;
    private KmsClient kms;
    private SnsClient sns;
    private SqsClient sqs;
    private StsClient sts;
    private SsmClient ssm;
    private SecretsManagerClient secretsManager;
    private boolean closed;

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
    }

    public AwsSettings settings() {
        return settings;
    }

    /**
     * Uses {@code client} for its service instead of building one, e.g. a client an embedding program configured
     * itself, or a test's stand-in for a service that has no local emulator. A supplied EC2 client answers for every
     * region. The caller keeps ownership: {@link #close()} does not close it.
     */
    public synchronized <C extends SdkClient> AwsClients supply(Class<C> service, C client) {
        supplied.put(service, client);
        return this;
    }

    public synchronized AutoScalingClient autoScaling() {
        if (autoScaling == null) {
            autoScaling = suppliedOr(AutoScalingClient.class, () -> build(AutoScalingClient.builder()));
        }
        return autoScaling;
    }

    public synchronized CloudWatchClient cloudWatch() {
        if (cloudWatch == null) {
            cloudWatch = suppliedOr(CloudWatchClient.class, () -> build(CloudWatchClient.builder()));
        }
        return cloudWatch;
    }

    public synchronized Ec2Client ec2() {
        return ec2(region());
    }

    /**
     * The EC2 client of a given region, with the same credentials, endpoint and retry settings as every other client.
     * Packer copies an AMI to each of its {@code ami_regions}, and each copy can only be seen from its own region.
     */
    public synchronized Ec2Client ec2(Region inRegion) {
        return ec2.computeIfAbsent(inRegion, r -> suppliedOr(Ec2Client.class, () -> build(Ec2Client.builder(), r)));
    }

    public synchronized EventBridgeClient eventBridge() {
        if (eventBridge == null) {
            eventBridge = suppliedOr(EventBridgeClient.class, () -> build(EventBridgeClient.builder()));
        }
        return eventBridge;
    }

    public synchronized KmsClient kms() {
        if (kms == null) {
            kms = suppliedOr(KmsClient.class, () -> build(KmsClient.builder()));
        }
        return kms;
    }

    public synchronized SnsClient sns() {
        if (sns == null) {
            sns = suppliedOr(SnsClient.class, () -> build(SnsClient.builder()));
        }
        return sns;
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = suppliedOr(SqsClient.class, () -> build(SqsClient.builder()));
        }
        return sqs;
    }

    /** STS, for the account the credentials belong to (GetCallerIdentity needs no permission). */
    public synchronized StsClient sts() {
        if (sts == null) {
            sts = suppliedOr(StsClient.class, () -> build(StsClient.builder()));
        }
        return sts;
    }

    /** Parameter Store, where the Lambda function may read its Chef key and CA bundle. */
    public synchronized SsmClient ssm() {
        if (ssm == null) {
            ssm = suppliedOr(SsmClient.class, () -> build(SsmClient.builder()));
        }
        return ssm;
    }

    /** Secrets Manager, the other place the Lambda function may read its Chef key and CA bundle. */
    public synchronized SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = suppliedOr(SecretsManagerClient.class, () -> build(SecretsManagerClient.builder()));
        }
        return secretsManager;
    }

    private <C extends SdkClient> C suppliedOr(Class<C> service, Supplier<C> builder) {
        SdkClient client = supplied.get(service);
        return client == null ? builder.get() : service.cast(client);
    }

    /** The region every client uses: {@code --region}, else the SDK's region chain. */
    public synchronized Region region() {
        return configuredRegion()
                .orElseThrow(() -> new AsgchefException(
                        profileIsMissing()
                                ? "AWS profile '" + settings.profile().orElseThrow() + "' is not in " + PROFILE_FILES
                                        + ": check the name with 'aws configure list-profiles'"
                                : "No AWS region is set: pass --region, set AWS_REGION or AWS_DEFAULT_REGION, or add a"
                                        + " region to your AWS profile"));
    }

    /**
     * Whether {@code --profile} names no profile of the shared files: the SDK's chains then report only that they found
     * no region or no credentials, which sends the operator looking in the wrong place.
     */
    private boolean profileIsMissing() {
        return settings.profile()
                .filter(name -> ProfileFile.defaultProfileFile().profile(name).isEmpty())
                .isPresent();
    }

    /** The region the operator configured ({@code --region}, else the SDK's region chain), if any. */
    public synchronized Optional<Region> configuredRegion() {
        if (region == null) {
            region = settings.region().map(Region::of).or(this::regionFromChain);
        }
        return region;
    }

    private Optional<Region> regionFromChain() {
        DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
        settings.profile().ifPresent(chain::profileName);
        try {
            return Optional.of(chain.build().getRegion());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }

    private <C extends SdkClient, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C build(B builder) {
        return build(builder, region());
    }

    private <C extends SdkClient, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C build(
            B builder, Region inRegion) {
        if (closed) {
            throw new IllegalStateException("AWS clients already closed");
        }
        builder.httpClient(httpClient())
                .region(inRegion)
                .credentialsProvider(credentials())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT));
        settings.endpoint().ifPresent(builder::endpointOverride);
        C client = builder.build();
        opened.add(client);
        return client;
    }

    private SdkHttpClient httpClient() {
        if (http == null) {
            UrlConnectionHttpClient.Builder builder = UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(READ_TIMEOUT);
            settings.caBundle().ifPresent(bundle -> {
                TrustManager[] trust = CaBundle.trustManagers(bundle);
                builder.tlsTrustManagersProvider(() -> trust);
            });
            http = builder.build();
        }
        return http;
    }

    private AwsCredentialsProvider credentials() {
        if (credentials == null) {
            credentials = settings.profile()
                    .<AwsCredentialsProvider>map(p ->
                            ProfileCredentialsProvider.builder().profileName(p).build())
                    .orElseGet(() -> DefaultCredentialsProvider.builder().build());
            if (credentials instanceof SdkAutoCloseable c) {
                opened.add(c);
            }
            checkResolvable(credentials);
        }
        return credentials;
    }

    /**
     * Resolves the chain once, up front, so that missing credentials are one line naming the fix instead of the SDK's
     * list of every provider it tried, reported on whichever step happened to call AWS first.
     */
    private void checkResolvable(AwsCredentialsProvider provider) {
        try {
            provider.resolveCredentials();
        } catch (SdkClientException | IllegalArgumentException e) {
            String source = settings.profile().map(p -> "profile '" + p + "'").orElse("the default credential chain");
            String missing = profileIsMissing() ? " (it is not in " + PROFILE_FILES + ")" : "";
            throw new AsgchefException(
                    "No usable AWS credentials from " + source + missing + ": pass --profile NAME (for SSO,"
                            + " run aws sso login --profile NAME first), or set AWS_PROFILE or"
                            + " AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY",
                    e);
        }
    }

    /** Closes every client this invocation opened, then the shared HTTP client (which the SDK does not own). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable c : opened) {
            closeQuietly(c);
        }
        if (http != null) {
            http.close();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing at exit: nothing useful to do with a failure here.
        }
    }
}
