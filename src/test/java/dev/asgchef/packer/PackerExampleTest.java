package dev.asgchef.packer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The promises examples/packer makes that packer-postprocess relies on. */
class PackerExampleTest {
    private static final Path EXAMPLE = Path.of("examples/packer");

    private static String read(String file) throws IOException {
        return Files.readString(EXAMPLE.resolve(file));
    }

    private static String value(String template, String attribute) {
        Matcher m = Pattern.compile("(?m)^\\s*" + attribute + "\\s*=\\s*(\"[^\"]*\")")
                .matcher(template);
        assertTrue(m.find(), attribute + " missing from the template");
        return m.group(1);
    }

    @Test
    void nodeNameOfTheProvisionerIsTheOneTheManifestRecords() throws IOException {
        String template = read("chef-node.pkr.hcl");
        assertEquals(value(template, "node_name"), value(template, BuildPlan.NODE_NAME_KEY));
    }

    @Test
    void chefPluginIsDeclaredAndItsKnifeCleanUpIsLeftToAsgchef() throws IOException {
        String template = read("chef-node.pkr.hcl");
        assertTrue(template.contains("source  = \"github.com/hashicorp/chef\""), "required_plugins");
        assertTrue(template.contains("skip_clean_node   = true"), template);
        assertTrue(template.contains("skip_clean_client = true"), template);
        assertTrue(template.contains("asgchef packer-postprocess --manifest packer-manifest.json"), template);
        assertTrue(template.contains("asgchef create-asg"), template);
        assertFalse(
                Pattern.compile("(?m)^\\s*validation_key_path\\s*=")
                        .matcher(template)
                        .find(),
                "the validation key is not uploaded from the Packer host");
    }

    @Test
    void identityRemovalCoversEveryIdentityFileAndRunsAfterChef() throws IOException {
        String script = read("scripts/remove-chef-identity.sh");
        for (String file : List.of(
                "/etc/chef/client.pem",
                "/etc/chef/client.rb",
                "/etc/chef/validation.pem",
                "/etc/chef/first-boot.json")) {
            assertTrue(script.contains(file), file + " is not removed");
        }
        String template = read("chef-node.pkr.hcl");
        assertTrue(
                template.indexOf("provisioner \"chef-client\"") < template.indexOf("remove-chef-identity.sh"),
                "identity removal must follow the chef-client provisioner");
    }
}
