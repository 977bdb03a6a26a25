package io.sluice.config.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS clients that trust the CA certificates of one PEM file, the form {@code sluice stack env}
 * and most tools hand out ({@code KAFKA_SSL_CA_LOCATION}, {@code CASSANDRA_SSL_CA_LOCATION}, ...).
 */
public final class PemTrust {

  private PemTrust() {
  }

  /** An in-memory trust store of every certificate in {@code pem}. */
  public static KeyStore trustStore(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("No certificate in " + pem);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int n = 0;
      for (Certificate cert : certs) {
        store.setCertificateEntry("ca-" + n++, cert);
      }
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot read CA certificates from " + pem + ": " + e.getMessage(), e);
    }
  }

  /** A TLS context that trusts only the certificates in {@code pem}. */
  public static SSLContext sslContext(Path pem) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore(pem));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot build a TLS context from " + pem + ": " + e.getMessage(), e);
    }
  }
}
