package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.asgchef.testing.CliHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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

    @Test
    void awsDefaultRegionSuppliesTheRegionWhenAwsRegionIsUnset() {
        harness.env("AWS_DEFAULT_REGION", "eu-north-1");
        assertEquals("eu-north-1", parse(harness, new Properties()).region);
    }

    @Test
    void awsRegionWinsOverAwsDefaultRegion() {
        harness.env("AWS_DEFAULT_REGION", "eu-north-1").env("AWS_REGION", "us-west-2");
        assertEquals("us-west-2", parse(harness, new Properties()).region);
    }

    @Test
    void unknownKeyIsNamedWithTheNearestOption() {
        CommandSpec probe = new CommandLine(new Probe()).getCommandSpec();
        List<String> warnings =
                DefaultValues.unknownKeys(properties("regoin", "eu-west-1"), probe, Path.of("/etc/asgchef.properties"));
        assertEquals(
                List.of("unknown key 'regoin' in /etc/asgchef.properties is ignored; did you mean 'region'?"),
                warnings);
    }

    @Test
    void knownKeysRaiseNoWarning() {
        CommandSpec probe = new CommandLine(new Probe()).getCommandSpec();
        assertEquals(
                List.of(),
                DefaultValues.unknownKeys(properties("region", "eu-west-1", "workers", "4"), probe, Path.of("p")));
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, DefaultValues.editDistance("region", "region"));
        assertEquals(2, DefaultValues.editDistance("regoin", "region"));
        assertEquals(1, DefaultValues.editDistance("worker", "workers"));
        assertEquals(7, DefaultValues.editDistance("", "workers"));
    }
}
