package dev.asgchef.lambda;

import dev.asgchef.testing.FakeAwsCloud;
import dev.asgchef.testing.FakeChefServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The function in a child JVM as Lambda's java21 runtime starts it: the real Runtime Interface Client's main class with
 * the handler string, AWS_LAMBDA_RUNTIME_API naming the fake Runtime API, and the function's environment. Output goes
 * to a file, as Lambda sends it to the log group.
 */
final class FunctionProcess implements AutoCloseable {
    static final String KEY_PARAMETER = "/asgchef/drain/chef-key";
    static final String CA_PARAMETER = "/asgchef/drain/chef-ca";
    static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private final Process process;
    private final Path log;
    private final long startedNanos;

    FunctionProcess(String handler, Map<String, String> env, List<String> jvmOptions, Path log) throws IOException {
        this(System.getProperty("java.class.path"), handler, env, jvmOptions, log);
    }

    /** @param classPath the function's class path (jars only, for a class-data-sharing archive to apply) */
    FunctionProcess(String classPath, String handler, Map<String, String> env, List<String> jvmOptions, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(RUNTIME_CLIENT);
        command.add(handler);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("_HANDLER", handler);
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "asgchef-drain");
        builder.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().putAll(env);
        this.log = log;
        this.startedNanos = System.nanoTime();
        this.process = builder.start();
    }

    /**
     * The function's environment against the in-process servers: AWS_ENDPOINT_URL for EC2 and Auto Scaling,
     * AWS_ENDPOINT_URL_SSM for Parameter Store (the SDK's own variables), the key and CA bundle as the parameters
     * {@code /asgchef/drain/chef-key} and {@code /asgchef/drain/chef-ca}.
     */
    static Map<String, String> environment(
            FakeRuntimeApi runtime, FakeAwsCloud aws, FakeParameterStore ssm, FakeChefServer chef) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        env.put("AWS_REGION", FakeAwsCloud.REGION);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SSM", ssm.endpoint().toString());
        env.put("CHEF_SERVER_URL", chef.organizationUrl().toString());
        env.put("CHEF_USER", FakeChefServer.USER);
        env.put("ASGCHEF_CHEF_KEY", "ssm:" + KEY_PARAMETER);
        env.put("ASGCHEF_CHEF_CA_BUNDLE", "ssm:" + CA_PARAMETER);
        return env;
    }

    long startedNanos() {
        return startedNanos;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Everything the function wrote so far. */
    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        stop(10);
    }

    /** SIGTERM, as Lambda ends an idle container, then a kill after {@code seconds}. */
    void stop(int seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
