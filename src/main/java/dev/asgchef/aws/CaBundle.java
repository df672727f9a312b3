package dev.asgchef.aws;

import dev.asgchef.AsgchefException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code --ca-bundle} / {@code AWS_CA_BUNDLE}: the PEM file of certificate authorities AWS endpoints are checked
 * against instead of the Java runtime's, as the aws CLI uses it (a TLS-inspecting proxy's CA, a private endpoint's).
 */
final class CaBundle {
    private CaBundle() {}

    static TrustManager[] trustManagers(Path bundle) {
        Collection<? extends Certificate> certificates = certificates(bundle);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-bundle-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new AsgchefException("cannot use the CA bundle " + bundle + " (" + e.getMessage() + ")");
        }
    }

    private static Collection<? extends Certificate> certificates(Path bundle) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(bundle)) {
            certificates =
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new AsgchefException("cannot read the CA bundle " + bundle + " ("
                    + e.getClass().getSimpleName() + "): check --ca-bundle or AWS_CA_BUNDLE");
        } catch (GeneralSecurityException e) {
            throw new AsgchefException("the CA bundle " + bundle + " is not PEM certificates (" + e.getMessage()
                    + "): check --ca-bundle or AWS_CA_BUNDLE");
        }
        if (certificates.isEmpty()) {
            throw new AsgchefException(
                    "the CA bundle " + bundle + " holds no certificate: check --ca-bundle or AWS_CA_BUNDLE");
        }
        return certificates;
    }
}
