package dev.asgchef.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The self-signed server certificates in {@code src/test/resources/chef-tls} (see its README): the PEM a client can
 * trust, and an SSLContext a test server can serve it with.
 */
public enum TestCertificates {
    /** For 127.0.0.1, where test servers listen. */
    LOOPBACK("loopback"),
    /** For chef.example.com: trusted but naming another host. */
    OTHER_HOST("other-host");

    private static final char[] PASSWORD = "changeit".toCharArray();
    private final String name;

    TestCertificates(String name) {
        this.name = name;
    }

    /** Copies the certificate (PEM) into {@code directory} as {@code fileName}, as 'knife ssl fetch' would. */
    public Path writeCertificate(Path directory, String fileName) {
        try (InputStream in = resource(".crt")) {
            Path file = Files.createDirectories(directory).resolve(fileName);
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SSLContext serverContext() {
        try (InputStream in = resource(".p12")) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD);
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private InputStream resource(String suffix) {
        InputStream in = TestCertificates.class.getResourceAsStream("/chef-tls/" + name + suffix);
        if (in == null) {
            throw new IllegalStateException("missing test resource chef-tls/" + name + suffix);
        }
        return in;
    }
}
