package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {
    @Test
    void blankValuesMeanUnset() {
        AwsSettings s = AwsSettings.of(" ", "", null, null);
        assertEquals(Optional.empty(), s.region());
        assertEquals(Optional.empty(), s.profile());
        assertEquals(Optional.empty(), s.endpoint());
    }

    @Test
    void acceptsARealRegionAndLocalEndpoint() {
        AwsSettings s = AwsSettings.of("us-gov-west-1", "sso-admin", "http://localhost:4566", null);
        assertEquals("us-gov-west-1", s.region().orElseThrow());
        assertEquals(URI.create("http://localhost:4566"), s.endpoint().orElseThrow());
    }

    @Test
    void rejectsARegionThatIsNotOne() {
        AsgchefException e = assertThrows(AsgchefException.class, () -> AwsSettings.of("us_east_1", null, null, null));
        assertTrue(e.getMessage().contains("us-east-1"), "names the expected form: " + e.getMessage());
    }

    @Test
    void rejectsAnEndpointWithoutScheme() {
        AsgchefException e =
                assertThrows(AsgchefException.class, () -> AwsSettings.of(null, null, "localhost:4566", null));
        assertTrue(e.getMessage().contains("http://localhost:4566"), e.getMessage());
    }

    @Test
    void rejectsAnEndpointOfAnotherScheme() {
        assertThrows(AsgchefException.class, () -> AwsSettings.of(null, null, "file:///etc/passwd", null));
    }

    @Test
    void rejectsAProfileNameWithShellCharacters() {
        assertThrows(AsgchefException.class, () -> AwsSettings.of(null, "prod; rm -rf /", null, null));
    }
}
