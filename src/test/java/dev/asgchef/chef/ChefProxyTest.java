package dev.asgchef.chef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChefProxyTest {
    private static final URI CHEF = URI.create("https://chef.example.com/organizations/ops");

    private static ChefProxy proxy(String https, String http, String noProxy) {
        return ChefProxy.of(
                new ChefProxy.Setting(Optional.ofNullable(https), "https_proxy"),
                new ChefProxy.Setting(Optional.ofNullable(http), "http_proxy"),
                Optional.ofNullable(noProxy));
    }

    @Test
    void anHttpsServerGoesThroughTheHttpsProxy() {
        assertEquals(
                Optional.of(URI.create("http://proxy.corp:3128")),
                proxy("http://proxy.corp:3128", "http://other:8080", null).proxyFor(CHEF));
    }

    @Test
    void anHttpServerGoesThroughTheHttpProxy() {
        assertEquals(
                Optional.of(URI.create("http://other:8080")),
                proxy("http://proxy.corp:3128", "http://other:8080", null)
                        .proxyFor(URI.create("http://chef.example.com/organizations/ops")));
    }

    @Test
    void aProxyWithoutSchemeIsHttp() {
        assertEquals(
                Optional.of(URI.create("http://proxy.corp:3128")),
                proxy("proxy.corp:3128", null, null).proxyFor(CHEF));
    }

    @Test
    void noProxyDomainCoversTheDomainAndItsSubdomains() {
        ChefProxy proxy = proxy("http://proxy.corp:3128", null, "localhost, example.com");
        assertTrue(proxy.bypasses("chef.example.com"));
        assertTrue(proxy.bypasses("example.com"));
        assertFalse(proxy.bypasses("notexample.com"));
        assertFalse(proxy.bypasses("example.com.evil.net"));
    }

    @Test
    void noProxyLeadingDotOrStarDotCoversSubdomains() {
        assertTrue(proxy("http://p:1", null, ".example.com").bypasses("chef.example.com"));
        assertTrue(proxy("http://p:1", null, "*.example.com").bypasses("chef.example.com"));
    }

    @Test
    void noProxyStarCoversEveryHost() {
        assertEquals(Optional.empty(), proxy("http://p:1", null, "*").proxyFor(CHEF));
    }

    @Test
    void noProxyMatchesIgnoringCaseAndPort() {
        assertTrue(proxy("http://p:1", null, "CHEF.Example.com:443").bypasses("chef.example.com"));
    }

    @Test
    void noProxyEntryDoesNotCoverOtherHosts() {
        assertEquals(
                Optional.of(URI.create("http://p:1")),
                proxy("http://p:1", null, "other.net,10.0.0.1").proxyFor(CHEF));
    }

    @Test
    void aProxyWithAPasswordIsRefusedWithoutShowingIt() {
        AsgchefException e =
                assertThrows(AsgchefException.class, () -> proxy("http://alice:s3cret@proxy.corp:3128", null, null));
        assertTrue(e.getMessage().contains("http://proxy.corp:3128"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertFalse(e.getMessage().contains("alice"), e.getMessage());
    }

    @Test
    void aProxyThatIsNotHttpIsOneLineNamingWhereItCameFrom() {
        AsgchefException e = assertThrows(AsgchefException.class, () -> proxy("socks5://proxy.corp:1080", null, null));
        assertTrue(e.getMessage().contains("in https_proxy must be an http:// URL"), e.getMessage());
    }

    @Test
    void noSettingMeansNoProxy() {
        assertEquals(ChefProxy.NONE, proxy(null, null, null));
        assertEquals(List.of(), ChefProxy.NONE.noProxy());
    }
}
