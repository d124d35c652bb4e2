package io.tessera.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA and certificates it signs, made at test time with BouncyCastle (EC P-256 keys, one
 * day valid), written as Doris reads them: PKCS12 stores, and PEM files for command-line clients
 * and for {@code enable_tls}. Used by the FE's and the end-to-end TLS tests.
 *
 * <p>Threading: one test thread.
 */
public final class TestCertificates {
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private long serial = 1;

    public TestCertificates() throws Exception {
        caKeys = newKeys();
        caCertificate = sign("CN=Tessera test CA", caKeys, caKeys, new X500Name("CN=Tessera test CA"), true, List.of());
    }

    public X509Certificate ca() {
        return caCertificate;
    }

    /** A leaf certificate for these IP addresses (subject alternative names), signed by the CA. */
    public Leaf leaf(String commonName, String... ipAddresses) throws Exception {
        KeyPair keys = newKeys();
        X509Certificate certificate = sign("CN=" + commonName, keys, caKeys,
                new X500Name(caCertificate.getSubjectX500Principal().getName()), false, List.of(ipAddresses));
        return new Leaf(keys.getPrivate(), certificate);
    }

    /** The CA's key and certificate in one PKCS12 store, as Doris's ca_certificate.p12 holds them. */
    public void writeCaStore(Path file, String password) throws Exception {
        writeStore(file, password, caKeys.getPrivate(), caCertificate);
    }

    public void writeCaPem(Path file) throws IOException, GeneralSecurityException {
        writePem(file, "CERTIFICATE", caCertificate.getEncoded());
    }

    /** A key and its certificate. */
    public record Leaf(PrivateKey key, X509Certificate certificate) {
    }

    /** The leaf's certificate chain and its unencrypted PKCS#8 key as PEM files (enable_tls's format). */
    public void writePem(Path certificateFile, Path keyFile, Leaf leaf) throws IOException, GeneralSecurityException {
        Files.writeString(certificateFile, pem("CERTIFICATE", leaf.certificate().getEncoded())
                + pem("CERTIFICATE", caCertificate.getEncoded()));
        Files.writeString(keyFile, pem("PRIVATE KEY", leaf.key().getEncoded()));
    }

    public void writeStore(Path file, String password, Leaf leaf) throws Exception {
        writeStore(file, password, leaf.key(), leaf.certificate(), caCertificate);
    }

    public static void writePem(Path file, String type, byte[] der) throws IOException {
        Files.writeString(file, pem(type, der));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static void writeStore(Path file, String password, PrivateKey key, X509Certificate... chain)
            throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", key, password.toCharArray(), (Certificate[]) chain);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }

    private X509Certificate sign(String subject, KeyPair subjectKeys, KeyPair issuerKeys, X500Name issuer,
            boolean ca, List<String> ipAddresses) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial++),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name(subject), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!ipAddresses.isEmpty()) {
            GeneralName[] names = new GeneralName[ipAddresses.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = new GeneralName(GeneralName.iPAddress,
                        InetAddress.getByName(ipAddresses.get(i)).getHostAddress());
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }
}
