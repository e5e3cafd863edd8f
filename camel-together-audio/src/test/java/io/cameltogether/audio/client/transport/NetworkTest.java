package io.cameltogether.audio.client.transport;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.AudioValidationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which proxy a connection takes: the option, else the JVM's standard properties, else none. */
class NetworkTest {

    private static final URI API = URI.create("https://api.together.xyz/v1");

    @AfterEach
    void clearProperties() {
        for (String name : new String[] { "https.proxyHost", "https.proxyPort", "http.proxyHost", "http.proxyPort",
                "http.nonProxyHosts" }) {
            System.clearProperty(name);
        }
    }

    @Test
    void theOptionWinsOverTheSystemProperties() {
        System.setProperty("https.proxyHost", "system-proxy");
        Network.Proxy option = new Network.Proxy("option-proxy", 3128, null, null);

        assertEquals(option, new Network(option, null).proxyFor(API));
    }

    @Test
    void withoutAnOptionTheSchemesSystemPropertiesApplyAndNonProxyHostsAreBypassed() {
        System.setProperty("https.proxyHost", "secure-proxy");
        System.setProperty("https.proxyPort", "8443");
        System.setProperty("http.proxyHost", "plain-proxy");
        System.setProperty("http.nonProxyHosts", "localhost|*.internal");

        assertEquals(new Network.Proxy("secure-proxy", 8443, null, null), Network.DEFAULT.proxyFor(API));
        assertEquals(new Network.Proxy("secure-proxy", 8443, null, null),
                Network.DEFAULT.proxyFor(URI.create("wss://api.together.xyz/v1/realtime")));
        assertEquals("plain-proxy", Network.DEFAULT.proxyFor(URI.create("http://emulator.lan/v1")).host());
        assertNull(Network.DEFAULT.proxyFor(URI.create("http://localhost:8080/v1")));
        assertNull(Network.DEFAULT.proxyFor(URI.create("https://stt.internal/v1")));
        assertNull(new Network(null, null).proxyFor(URI.create("ws://LOCALHOST:1/v1/realtime")));
    }

    @Test
    void noProxyAtAllWithoutOptionOrProperties() {
        assertNull(Network.DEFAULT.proxyFor(API));
    }

    @Test
    void aProxyPrintsWithoutItsPasswordAndSendsBasicCredentials() {
        Network.Proxy proxy = new Network.Proxy("proxy.corp", 3128, "audio", "s3cret");

        assertFalse(proxy.toString().contains("s3cret"), proxy.toString());
        assertEquals("Basic YXVkaW86czNjcmV0", proxy.authorization());
        assertNull(new Network.Proxy("proxy.corp", 3128, null, null).authorization());
        assertTrue(rejected(() -> new Network.Proxy("proxy.corp", 0, null, null)).contains("proxyPort"));
    }

    private static String rejected(Runnable making) {
        return assertThrows(AudioValidationException.class, making::run).getMessage();
    }
}
