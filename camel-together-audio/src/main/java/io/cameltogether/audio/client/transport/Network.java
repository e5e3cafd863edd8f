package io.cameltogether.audio.client.transport;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;

import io.cameltogether.audio.client.AudioValidationException;

/**
 * How connections reach the API, for batch and realtime alike: through a forward proxy or not, and with which
 * TLS key and trust material. Safe to print: the proxy password prints as ****.
 *
 * @param proxy the proxy, or null to connect directly (or as the JVM's proxy system properties say)
 * @param tls   key and trust managers, or null for the JVM's defaults (javax.net.ssl.* system properties)
 */
public record Network(Proxy proxy, Tls tls) {

    public static final Network DEFAULT = new Network(null, null);

    /** An HTTP forward proxy; with a username, Basic credentials are sent to it (and only to it). */
    public record Proxy(String host, int port, String username, String password) {

        public Proxy {
            if (host == null || host.isBlank() || port < 1 || port > 65535) {
                throw new AudioValidationException("proxyHost and proxyPort must name a proxy, e.g. proxy.corp:3128; "
                        + "got " + host + ":" + port);
            }
        }

        /** The Proxy-Authorization header value, or null without a username. */
        public String authorization() {
            return username == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Proxy[" + host + ":" + port + (username == null ? "" : ", " + username + ":****") + "]";
        }
    }

    /** Key managers (a client certificate, rarely) and trust managers (a corporate CA, often); either may be null. */
    public record Tls(KeyManager[] keyManagers, TrustManager[] trustManagers) {

        public SSLContext sslContext() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keyManagers, trustManagers, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
            }
        }

        public X509KeyManager x509KeyManager() {
            return keyManagers == null ? null : (X509KeyManager) List.of(keyManagers).stream()
                    .filter(X509KeyManager.class::isInstance).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return "Tls[keyManagers=" + (keyManagers == null ? 0 : keyManagers.length) + ", trustManagers="
                    + (trustManagers == null ? 0 : trustManagers.length) + "]";
        }
    }

    /**
     * The proxy for this URL: the configured one, else the one the JVM's {@link ProxySelector} picks (by default from
     * the standard properties: {@code https.proxyHost} and {@code https.proxyPort} for https and wss,
     * {@code http.proxyHost} and {@code http.proxyPort} for http and ws, skipping the hosts {@code http.nonProxyHosts}
     * lists), else none.
     */
    public Proxy proxyFor(URI url) {
        if (proxy != null) {
            return proxy;
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        // the selector knows http and https; a WebSocket goes the way of its HTTP upgrade
        URI asHttp = URI.create((scheme.equals("wss") ? "https" : scheme.equals("ws") ? "http" : scheme)
                + url.toString().substring(scheme.length()));
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return null;
        }
        for (java.net.Proxy selected : selector.select(asHttp)) {
            if (selected.type() == java.net.Proxy.Type.HTTP && selected.address() instanceof InetSocketAddress at) {
                return new Proxy(at.getHostString(), at.getPort(), null, null);
            }
        }
        return null;
    }

    /**
     * What a failed TLS handshake means to the user, the same for batch and realtime; null if the failure (or a
     * cause of it) is not one.
     */
    public static String untrustedServer(String url, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException handshake) {
                return "TLS with " + url + " failed, its certificate is not trusted or does not name the host ("
                        + handshake.getMessage() + "): give sslContextParameters a truststore that holds its CA, e.g. "
                        + "that of a TLS-inspecting proxy";
            }
        }
        return null;
    }
}
