package dev.asgchef.chef;

import dev.asgchef.report.Reporter;
import java.net.URI;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chef settings held in memory rather than read from knife's files: what the Lambda function has, its key and CA
 * bundle fetched from a secret store. Nothing here is written to disk, and {@link #toString()} names where the
 * secrets came from, never what they are.
 *
 * @param key the client key's PEM and where it came from
 * @param caBundle a private CA's PEM certificates and where they came from, trusted beside the runtime's CAs
 */
public record HeldChefSettings(
        URI serverUrl,
        String user,
        ChefConfig.InlineKey key,
        Optional<CaBundle> caBundle,
        AuthProtocol protocol,
        ChefServer.Limits limits,
        Lookup lookup) {

    /** PEM certificates of a private CA and where they came from. */
    public record CaBundle(String pem, String origin) {
        @Override
        public String toString() {
            return "CaBundle[" + origin + "]";
        }
    }

    public HeldChefSettings {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(caBundle, "caBundle");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(lookup, "lookup");
    }

    /**
     * asgchef's own Chef client for these settings, as drain-queue opens it, with TLS always verified.
     *
     * @throws dev.asgchef.AsgchefException when the key or the bundle cannot be read: one line naming where they came from
     */
    public NodeCleaner open(Reporter reporter, Clock clock) {
        ChefConfig config = new ChefConfig(
                serverUrl,
                user,
                key,
                true,
                Optional.empty(),
                protocol,
                Optional.empty(),
                Optional.empty(),
                // A function's whole configuration is its environment, proxies included (a VPC without a NAT).
                ChefProxy.fromEnvironment(System.getenv()));
        List<Certificate> trusted =
                caBundle.map(b -> ChefTls.bundle(b.pem(), b.origin())).orElse(List.of());
        ChefServer server = ChefServer.connect(config, () -> ChefTls.context(trusted), limits, clock, reporter::warn);
        reporter.detail("Chef server " + serverUrl + " as " + user + " (authentication protocol " + protocol + "), key"
                + " from " + key.origin()
                + caBundle.map(b -> ", CA bundle from " + b.origin()).orElse(""));
        return new ApiNodeCleaner(server, lookup, Optional.empty(), clock, false, reporter);
    }
}
