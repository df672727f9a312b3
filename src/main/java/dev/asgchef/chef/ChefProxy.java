package dev.asgchef.chef;

import dev.asgchef.AsgchefException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The proxy of Chef requests, as knife finds it: {@code https_proxy}, {@code http_proxy} and {@code no_proxy} in the
 * knife configuration, else the environment's {@code https_proxy}/{@code HTTPS_PROXY}, {@code http_proxy}/{@code
 * HTTP_PROXY} and {@code no_proxy}/{@code NO_PROXY}. AWS calls have their own (the SDK reads the environment). A proxy's
 * user and password never appear in a message.
 *
 * @param https the proxy of https:// servers
 * @param http the proxy of http:// servers
 * @param noProxy hosts reached directly: {@code *} for all, else names matched with their subdomains as curl does
 */
record ChefProxy(Optional<URI> https, Optional<URI> http, List<String> noProxy) {
    /** No proxy at all: every request goes straight to the server. */
    public static final ChefProxy NONE = new ChefProxy(Optional.empty(), Optional.empty(), List.of());

    public ChefProxy {
        noProxy = List.copyOf(noProxy);
    }

    /**
     * The proxy settings from their texts; {@code origin} names where each came from (for messages).
     *
     * @throws AsgchefException when a proxy is not an http URL with a host
     */
    static ChefProxy of(Setting https, Setting http, Optional<String> noProxy) {
        return new ChefProxy(
                https.text().map(t -> parse(t, https.origin())),
                http.text().map(t -> parse(t, http.origin())),
                noProxy.map(ChefProxy::entries).orElse(List.of()));
    }

    /** The proxies the environment names, lower-case variable first, as knife reads them when config.rb is silent. */
    public static ChefProxy fromEnvironment(java.util.Map<String, String> env) {
        return of(
                variable(env, "https_proxy"),
                variable(env, "http_proxy"),
                variable(env, "no_proxy").text());
    }

    private static Setting variable(java.util.Map<String, String> env, String lower) {
        String upper = lower.toUpperCase(java.util.Locale.ROOT);
        String value = env.get(lower);
        if (value != null && !value.isBlank()) {
            return new Setting(Optional.of(value), lower);
        }
        value = env.get(upper);
        return new Setting(Optional.ofNullable(value).filter(v -> !v.isBlank()), upper);
    }

    /** One proxy setting's text, if set, and where it came from. */
    record Setting(Optional<String> text, String origin) {}

    /** The proxy a request to {@code server} goes through, if any. */
    public Optional<URI> proxyFor(URI server) {
        String host = server.getHost();
        if (host == null || bypasses(host)) {
            return Optional.empty();
        }
        return "https".equalsIgnoreCase(server.getScheme()) ? https : http;
    }

    /** Whether {@code host} is in {@code no_proxy}: {@code *}, the host itself, or a domain it is in. */
    boolean bypasses(String host) {
        String name = host.toLowerCase(Locale.ROOT).replaceFirst("\\.$", "");
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String domain = entry.replaceFirst("^\\*?\\.", "");
            if (name.equals(domain) || name.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    /** Routes the client's requests through the proxy. */
    void applyTo(HttpClient.Builder client) {
        if (https.isPresent() || http.isPresent()) {
            client.proxy(new Selector());
        }
    }

    /** A proxy as messages may show it: scheme, host and port, without user or password. */
    static String describe(URI proxy) {
        return proxy.getScheme() + "://" + proxy.getHost() + (proxy.getPort() < 0 ? "" : ":" + proxy.getPort());
    }

    private static URI parse(String text, String origin) {
        String trimmed = text.trim();
        String withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new AsgchefException("the proxy in " + origin
                    + " is not a URL: write it as http://HOST:PORT (user and password not shown)");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new AsgchefException("the proxy " + describe(uri) + " in " + origin
                    + " must be an http:// URL with a host, like http://proxy.example.com:3128");
        }
        if (uri.getRawUserInfo() != null) {
            // java.net.http does not answer a proxy's Basic challenge on the CONNECT of an https request.
            throw new AsgchefException("the proxy " + describe(uri) + " in " + origin + " has a user and password,"
                    + " which asgchef cannot yet send to a proxy for Chef calls: allow this host through the proxy"
                    + " without them, or add the Chef server to no_proxy");
        }
        return uri;
    }

    private static List<String> entries(String noProxy) {
        return Arrays.stream(noProxy.split("[,\\s]+"))
                .map(e -> e.trim().toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", ""))
                .filter(e -> !e.isEmpty())
                .toList();
    }

    private static int port(URI proxy) {
        return proxy.getPort() < 0 ? 80 : proxy.getPort();
    }

    /** What java.net.http asks, per request, for the way to the server. */
    private final class Selector extends ProxySelector {
        @Override
        public List<Proxy> select(URI server) {
            return proxyFor(server)
                    .map(p -> List.of(
                            new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), port(p)))))
                    .orElse(List.of(Proxy.NO_PROXY));
        }

        @Override
        public void connectFailed(URI server, SocketAddress proxy, IOException e) {
            // The request fails with the connection error, which ChefServer reports and retries.
        }
    }
}
