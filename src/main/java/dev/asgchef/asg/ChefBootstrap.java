package dev.asgchef.asg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default user data: a first-boot script that joins each new instance to the Chef server as node
 * {@code <instance id>} with run list {@code role[ROLE]} in Chef environment ENVIRONMENT. The script is the resource
 * {@code chef-bootstrap.sh} beside this class; its {@code {{NAME}}} placeholders are filled with checked values, each
 * inserted as one single-quoted shell word, so no value can end the quoting or start a command.
 */
record ChefBootstrap(
        String role,
        String environment,
        SettingSource chefServerUrl,
        SettingSource validationKey,
        String validationClientName) {

    /** Chef role and environment names: letters, digits, underscores and hyphens (Chef's own rule). */
    static final Pattern CHEF_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9_.-]{0,255}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");
    private static final String TEMPLATE = "chef-bootstrap.sh";

    public ChefBootstrap {
        require("ROLE", role, CHEF_NAME);
        require("ENVIRONMENT", environment, CHEF_NAME);
        require("--validation-client-name", validationClientName, CLIENT_NAME);
        if (validationKey.kind() == SettingSource.Kind.LITERAL) {
            throw new IllegalArgumentException(
                    "the validation key must be read at boot (ssm: or s3://), never" + " written into user data");
        }
    }

    private static void require(String what, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a Chef name: use letters, digits,"
                    + " '_' and '-'" + (what.startsWith("--") ? " (and '.')" : ""));
        }
    }

    /** The script, ready to be the instances' user data. */
    public String render() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ROLE", role);
        values.put("CHEF_ENVIRONMENT", environment);
        values.put("CHEF_SERVER_URL_FROM", chefServerUrl.text());
        values.put("VALIDATION_KEY_FROM", validationKey.text());
        values.put("VALIDATION_CLIENT_NAME", validationClientName);
        return fill(template(), values);
    }

    /** One line for the plan. */
    public String describe() {
        return "Chef bootstrap: node name = instance id, run list role[" + role + "], environment " + environment
                + ", chef_server_url " + chefServerUrl.describe() + ", validation key " + validationKey.describe()
                + (validationClientName.isEmpty() ? "" : " as " + validationClientName);
    }

    /** Replaces every placeholder with its value as a single-quoted shell word; a placeholder without one is a bug. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {{" + m.group(1) + "}} in " + TEMPLATE);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(shellWord(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code value} as one shell word: single-quoted, with each {@code '} written as {@code '\''}. */
    static String shellWord(String value) {
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("control character in a user data value");
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String template() {
        try (InputStream in = ChefBootstrap.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
