package dev.asgchef.lambda;

import dev.asgchef.AsgchefException;
import dev.asgchef.chef.AuthProtocol;
import dev.asgchef.chef.ChefServer;
import dev.asgchef.chef.Lookup;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The function's settings, from its environment variables (the template sets them; docs/lambda.md lists them). The
 * key and CA bundle are named here, not held: {@link Function} reads them once per container.
 *
 * @param caBundle a private CA's certificates, when the Chef server's is not one Java trusts
 * @param deleteMalformed as drain-queue's --delete-malformed
 */
record FunctionSettings(
        URI serverUrl,
        String user,
        SecretRef key,
        Optional<SecretRef> caBundle,
        AuthProtocol protocol,
        Lookup lookup,
        ChefServer.Limits limits,
        boolean deleteMalformed) {

    static final String SERVER_URL = "CHEF_SERVER_URL";
    static final String USER = "CHEF_USER";
    static final String KEY = "ASGCHEF_CHEF_KEY";
    static final String CA_BUNDLE = "ASGCHEF_CHEF_CA_BUNDLE";
    static final String PROTOCOL = "ASGCHEF_CHEF_AUTH_PROTOCOL";
    static final String LOOKUP = "ASGCHEF_CHEF_LOOKUP";
    static final String TIMEOUT = "ASGCHEF_CHEF_TIMEOUT_SECONDS";
    static final String RETRIES = "ASGCHEF_CHEF_RETRIES";
    static final String DELETE_MALFORMED = "ASGCHEF_DELETE_MALFORMED";

    /** @throws AsgchefException one line naming the variable and the fix */
    static FunctionSettings from(Map<String, String> env) {
        return new FunctionSettings(
                serverUrl(required(env, SERVER_URL)),
                user(required(env, USER)),
                SecretRef.parse(KEY, required(env, KEY)),
                optional(env, CA_BUNDLE).map(v -> SecretRef.parse(CA_BUNDLE, v)),
                optional(env, PROTOCOL)
                        .map(v -> AuthProtocol.parse(v)
                                .orElseThrow(() -> new AsgchefException(
                                        PROTOCOL + " must be one of " + AuthProtocol.choices() + ", not '" + v + "'")))
                        .orElse(AuthProtocol.DEFAULT),
                lookup(optional(env, LOOKUP).orElse("auto")),
                new ChefServer.Limits(
                        Duration.ofSeconds(number(env, TIMEOUT, 30, 1, 600)), (int) number(env, RETRIES, 2, 0, 10)),
                flag(env, DELETE_MALFORMED));
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name)
                .orElseThrow(() -> new AsgchefException(
                        name + " is not set: set it in the function's environment (examples/lambda/template.yaml)"));
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** https, or http to this machine only: the signed requests must not cross a network in the clear. */
    private static URI serverUrl(String text) {
        try {
            URI url = new URI(text);
            String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
            boolean loopback = "localhost".equals(url.getHost()) || "127.0.0.1".equals(url.getHost());
            if (url.getHost() == null || !(scheme.equals("https") || (scheme.equals("http") && loopback))) {
                throw new URISyntaxException(text, "not an https URL");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new AsgchefException(SERVER_URL + " must be https://HOST/organizations/ORG, not '" + text + "'");
        }
    }

    private static String user(String text) {
        if (!text.matches("[A-Za-z0-9_.\\-]{1,255}")) {
            throw new AsgchefException(USER + " must be a Chef user or client name (letters, digits, _ . -)");
        }
        return text;
    }

    private static Lookup lookup(String text) {
        try {
            return Lookup.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AsgchefException(LOOKUP + " must be name, search or auto, not '" + text + "'");
        }
    }

    private static long number(Map<String, String> env, String name, long byDefault, long min, long max) {
        Optional<String> text = optional(env, name);
        try {
            long value = text.map(Long::parseLong).orElse(byDefault);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new AsgchefException(
                    name + " must be a whole number from " + min + " to " + max + ", not '" + text.orElse("") + "'");
        }
    }

    private static boolean flag(Map<String, String> env, String name) {
        String text = optional(env, name).orElse("false");
        if (!text.equals("true") && !text.equals("false")) {
            throw new AsgchefException(name + " must be true or false, not '" + text + "'");
        }
        return text.equals("true");
    }
}
