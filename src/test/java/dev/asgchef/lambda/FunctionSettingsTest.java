package dev.asgchef.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asgchef.AsgchefException;
import dev.asgchef.chef.Lookup;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionSettingsTest {
    private static Map<String, String> env(String... more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "CHEF_SERVER_URL", "https://chef.internal/organizations/acme",
                "CHEF_USER", "asgchef",
                "ASGCHEF_CHEF_KEY", "ssm:/asgchef/drain/chef-key"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private static String problem(Map<String, String> env) {
        return assertThrows(AsgchefException.class, () -> FunctionSettings.from(env))
                .getMessage();
    }

    @Test
    void theDefaultsAreDrainQueues() {
        FunctionSettings settings = FunctionSettings.from(env());
        assertEquals(Lookup.AUTO, settings.lookup());
        assertEquals(30, settings.limits().requestTimeout().toSeconds());
        assertEquals(2, settings.limits().retries());
        assertEquals(Optional.empty(), settings.caBundle());
        assertEquals(false, settings.deleteMalformed());
    }

    @Test
    void aMissingVariableIsOneLineNamingIt() {
        Map<String, String> env = env();
        env.remove("CHEF_USER");
        assertEquals(
                "CHEF_USER is not set: set it in the function's environment (examples/lambda/template.yaml)",
                problem(env));
    }

    @Test
    void aPlainHttpServerElsewhereIsRefused() {
        assertEquals(
                "CHEF_SERVER_URL must be https://HOST/organizations/ORG, not 'http://chef.internal/organizations/acme'",
                problem(env("CHEF_SERVER_URL", "http://chef.internal/organizations/acme")));
    }

    @Test
    void aNumberOutOfRangeNamesTheRange() {
        assertEquals(
                "ASGCHEF_CHEF_RETRIES must be a whole number from 0 to 10, not '11'",
                problem(env("ASGCHEF_CHEF_RETRIES", "11")));
    }

    @Test
    void aFlagIsTrueOrFalse() {
        assertEquals(
                "ASGCHEF_DELETE_MALFORMED must be true or false, not 'yes'",
                problem(env("ASGCHEF_DELETE_MALFORMED", "yes")));
    }
}
