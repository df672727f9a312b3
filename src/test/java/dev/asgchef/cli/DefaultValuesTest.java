package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.asgchef.testing.CliHarness;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class DefaultValuesTest {
    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Option(names = "--region")
        String region;

        @Option(names = "--workers")
        Integer workers;

        @Override
        public void run() {}
    }

    private static Probe parse(CliHarness harness, Properties properties, String... args) {
        Probe probe = new Probe();
        new CommandLine(probe)
                .setDefaultValueProvider(new DefaultValues(harness.environment(), properties))
                .parseArgs(args);
        return probe;
    }

    private static Properties properties(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    private final CliHarness harness = new CliHarness(Path.of("/nonexistent"));

    @Test
    void propertiesFileSuppliesADefault() {
        assertEquals("eu-west-1", parse(harness, properties("region", "eu-west-1")).region);
    }

    @Test
    void commandQualifiedPropertyWinsOverThePlainOne() {
        Probe probe = parse(harness, properties("workers", "2", "probe.workers", "16"));
        assertEquals(16, probe.workers);
    }

    @Test
    void environmentVariableWinsOverThePropertiesFile() {
        harness.env("AWS_REGION", "us-west-2");
        assertEquals("us-west-2", parse(harness, properties("region", "eu-west-1")).region);
    }

    @Test
    void flagWinsOverEnvironmentAndProperties() {
        harness.env("AWS_REGION", "us-west-2");
        assertEquals("ap-south-1", parse(harness, properties("region", "eu-west-1"), "--region", "ap-south-1").region);
    }

    @Test
    void nothingConfiguredLeavesTheOptionUnset() {
        assertNull(parse(harness, new Properties()).region);
    }
}
