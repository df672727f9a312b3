package dev.asgchef.chef;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The versions of Chef's signed-header authentication protocol (mixlib-authentication). Current knife and chef-client
 * sign with 1.1 unless told otherwise (chef-config's {@code authentication_protocol_version}), so that is the default.
 */
public enum AuthProtocol {
    V1_0("1.0", "sha1"),
    V1_1("1.1", "sha1"),
    V1_3("1.3", "sha256");

    /** What current knife and chef-client use when the configuration does not say. */
    public static final AuthProtocol DEFAULT = V1_1;

    private final String version;
    private final String algorithm;

    AuthProtocol(String version, String algorithm) {
        this.version = version;
        this.algorithm = algorithm;
    }

    /** {@code 1.0}, {@code 1.1} or {@code 1.3}. */
    public String version() {
        return version;
    }

    /** The digest name mixlib writes into X-Ops-Sign. */
    public String algorithm() {
        return algorithm;
    }

    /** The X-Ops-Sign header exactly as mixlib writes it, trailing semicolon included. */
    public String signHeader() {
        return "algorithm=" + algorithm + ";version=" + version + ";";
    }

    public static Optional<AuthProtocol> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim();
        return Arrays.stream(values()).filter(p -> p.version.equals(wanted)).findFirst();
    }

    /** {@code 1.0, 1.1, 1.3}: for messages. */
    public static String choices() {
        return Arrays.stream(values()).map(AuthProtocol::version).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return version;
    }
}
