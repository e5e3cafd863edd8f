package io.cameltogether.audio.support;

import java.io.IOException;
import java.security.GeneralSecurityException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.transport.Network;

/** The endpoint's proxy and TLS options as the client layer's {@link Network}. */
public final class NetworkOptions {

    private NetworkOptions() {
    }

    public static Network of(TogetherAudioConfiguration c, TogetherAudioComponent component) {
        Network.Proxy proxy = null;
        if (c.getProxyHost() != null) {
            if (c.getProxyPort() == null) {
                throw new AudioValidationException("proxyHost " + c.getProxyHost() + " has no proxyPort: give both");
            }
            proxy = new Network.Proxy(c.getProxyHost(), c.getProxyPort(), c.getProxyUsername(), c.getProxyPassword());
        }
        SSLContextParameters parameters = c.getSslContextParameters() != null ? c.getSslContextParameters()
                : component.retrieveGlobalSslContextParameters();
        return new Network(proxy, parameters == null ? null : tls(parameters, component.getCamelContext()));
    }

    /** The parameters' key and trust managers; either is null where the parameters leave the JVM's default. */
    private static Network.Tls tls(SSLContextParameters parameters, CamelContext camel) {
        try {
            KeyManager[] keys = null;
            TrustManager[] trust = null;
            if (parameters.getKeyManagers() != null) {
                parameters.getKeyManagers().setCamelContext(camel);
                keys = parameters.getKeyManagers().createKeyManagers();
            }
            if (parameters.getTrustManagers() != null) {
                parameters.getTrustManagers().setCamelContext(camel);
                trust = parameters.getTrustManagers().createTrustManagers();
            }
            return new Network.Tls(keys, trust);
        } catch (GeneralSecurityException | IOException e) {
            throw new AudioValidationException("sslContextParameters cannot be loaded: " + e.getMessage());
        }
    }
}
