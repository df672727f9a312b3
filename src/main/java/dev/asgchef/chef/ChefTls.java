package dev.asgchef.chef;

import dev.asgchef.AsgchefException;
import dev.asgchef.InputFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust of Chef requests: the Java runtime's CAs plus every certificate in {@code trusted_certs_dir} (what
 * {@code knife ssl fetch} fills), with host names checked; or, when the configuration says {@code :verify_none}, no
 * checks at all (the caller has warned).
 */
final class ChefTls {
    private ChefTls() {}

    static SSLContext context(boolean verify, Optional<Path> trustedCertsDir) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            X509ExtendedTrustManager trust = verify ? verifying(trustedCertsDir) : new TrustingEverything();
            context.init(null, new TrustManager[] {trust}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new AsgchefException("cannot set up TLS for the Chef server (" + e.getMessage() + ")");
        }
    }

    /** Verifying trust in the runtime's CAs plus {@code certificates} (a private CA held in memory). */
    static SSLContext context(List<Certificate> certificates) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {verifying(certificates)}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new AsgchefException("cannot set up TLS for the Chef server (" + e.getMessage() + ")");
        }
    }

    /** The certificates of a PEM bundle; {@code origin} names it in the one line a bundle without any gets. */
    static List<Certificate> bundle(String pem, String origin) {
        try {
            List<Certificate> certificates = new ArrayList<>(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new AsgchefException("The CA bundle " + origin + " holds no PEM certificate (" + e.getMessage()
                    + "): store the Chef server's CA certificate(s), -----BEGIN CERTIFICATE----- blocks");
        }
    }

    private static X509ExtendedTrustManager verifying(Optional<Path> trustedCertsDir) throws GeneralSecurityException {
        return verifying(trustedCertsDir.map(ChefTls::certificates).orElse(List.of()));
    }

    private static X509ExtendedTrustManager verifying(List<Certificate> certificates) throws GeneralSecurityException {
        X509ExtendedTrustManager runtime = trustManager(null);
        if (certificates.isEmpty()) {
            return runtime;
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("trusted-" + i, certificates.get(i));
        }
        return new Either(runtime, trustManager(store));
    }

    /** Every certificate in the directory's files; files that hold none are skipped, as OpenSSL's c_rehash does. */
    private static List<Certificate> certificates(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Certificate> certificates = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                try (InputStream in =
                        new ByteArrayInputStream(InputFile.bytes(file, "CA certificate", InputFile.CONFIG))) {
                    certificates.addAll(x509.generateCertificates(in));
                } catch (CertificateException e) {
                    // Not a certificate (a README, a key): knife ignores such files too.
                }
            }
        } catch (IOException | CertificateException e) {
            throw new AsgchefException("cannot read trusted_certs_dir " + directory + " (" + e.getMessage() + "):"
                    + " check its permissions");
        }
        return certificates;
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager in this Java runtime");
    }

    /** A trust manager for the client side of TLS only: asgchef never accepts connections. */
    private abstract static class ServerTrust extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("asgchef is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("asgchef is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("asgchef is a client only");
        }
    }

    /** Trusted when either manager trusts the chain; both check the host name against the certificate. */
    private static final class Either extends ServerTrust {
        private final X509ExtendedTrustManager first;
        private final X509ExtendedTrustManager second;

        Either(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType, engine);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType, socket);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b = second.getAcceptedIssuers();
            X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }

    /**
     * {@code ssl_verify_mode :verify_none}. Being an X509ExtendedTrustManager, it also skips the host name check,
     * which Java otherwise adds around plain trust managers.
     */
    private static final class TrustingEverything extends ServerTrust {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
