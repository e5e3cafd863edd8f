package io.cameltogether.audio.network;

import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.TrustManagerFactory;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.TestAudio;
import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.emulator.TogetherAudioEmulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where enterprises run it: through a real forward proxy (Jetty's), with and without its credentials, and over TLS
 * whose certificate only the truststore given trusts, for batch requests and realtime sessions alike.
 */
class ProxyAndTlsTest {

    private static final Path SPEECH_WAV = Path.of("src/test/resources/audio/speech.wav");
    private static final TogetherAudioEmulator PLAIN = new TogetherAudioEmulator();
    private static final TogetherAudioEmulator TLS = new TogetherAudioEmulator().withTls();

    @BeforeAll
    static void start() {
        PLAIN.start();
        TLS.start();
    }

    @AfterAll
    static void stop() {
        PLAIN.close();
        TLS.close();
    }

    private static CamelContext camel(TogetherAudioEmulator emulator, ForwardProxy proxy, String username,
                                      String password, boolean trusted) {
        CamelContext camel = new DefaultCamelContext();
        TogetherAudioComponent component = new TogetherAudioComponent();
        TogetherAudioConfiguration c = component.getConfiguration();
        c.setBaseUrl(emulator.baseUrl());
        c.setApiKey(emulator.apiKey());
        c.setMaxRetries(0);
        c.setReconnectAttempts(0);
        if (proxy != null) {
            c.setProxyHost("127.0.0.1");
            c.setProxyPort(proxy.port());
            c.setProxyUsername(username);
            c.setProxyPassword(password);
        }
        if (trusted) {
            c.setSslContextParameters(trusting());
        }
        camel.addComponent("together-audio", component);
        camel.start();
        return camel;
    }

    /** A truststore with the emulator's self-signed certificate, as a company's CA would be given. */
    private static SSLContextParameters trusting() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(TogetherAudioEmulator.trustStore());
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setTrustManager(factory.getTrustManagers()[0]);
            SSLContextParameters parameters = new SSLContextParameters();
            parameters.setTrustManagers(trust);
            return parameters;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Exchange transcribe(CamelContext camel) {
        return camel.createProducerTemplate().send("together-audio:transcribe",
                e -> e.getMessage().setBody(SPEECH_WAV.toFile()));
    }

    private static Exchange streamLive(CamelContext camel, String sessionId) {
        return camel.createProducerTemplate().send("together-audio:realtime?pace=fast", ExchangePattern.InOut, e -> {
            e.getMessage().setBody(TestAudio.speechPcm());
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, sessionId);
        });
    }

    @Test
    void overTlsThroughAnAuthenticatingProxyBatchAndRealtimeWorkAndTheKeyNeverReachesTheProxy() throws Exception {
        try (ForwardProxy proxy = new ForwardProxy("audio", "s3cret");
             CamelContext camel = camel(TLS, proxy, "audio", "s3cret", true)) {
            Exchange batch = transcribe(camel);
            Exchange live = streamLive(camel, "call-1");

            assertNull(batch.getException());
            assertTrue(batch.getMessage().getBody(String.class).startsWith("(emulated)"));
            assertNull(live.getException());
            assertTrue(live.getMessage().getBody(String.class).startsWith("(emulated)"));
            List<ForwardProxy.Seen> seen = proxy.seen();
            assertTrue(seen.stream().allMatch(s -> s.method().equals("CONNECT")), "tunnels only: " + seen);
            assertTrue(seen.size() >= 2, "one tunnel for batch, one for the session: " + seen);
            assertTrue(seen.stream().allMatch(s -> s.proxyAuthorization() != null), "credentials on every CONNECT");
            assertTrue(seen.stream().allMatch(s -> s.authorization() == null), "the API key stays in the tunnel");
            assertEquals(1, TLS.requests().size());
        }
    }

    @Test
    void aPlainHttpBaseUrlIsForwardedByTheProxyWithoutCredentials() throws Exception {
        PLAIN.reset();
        try (ForwardProxy proxy = new ForwardProxy(null, null);
             CamelContext camel = camel(PLAIN, proxy, null, null, false)) {
            assertNull(transcribe(camel).getException());
            assertNull(streamLive(camel, "call-2").getException());

            List<ForwardProxy.Seen> seen = proxy.seen();
            assertTrue(seen.stream().anyMatch(s -> s.method().equals("POST")
                    && s.target().startsWith(PLAIN.baseUrl())), "the upload was forwarded: " + seen);
            assertEquals(1, PLAIN.requests().size());
            assertEquals(1, PLAIN.realtimeSessions().size());
        }
    }

    @Test
    void wrongProxyCredentialsFailBothClearlyWithoutNamingThePassword() throws Exception {
        try (ForwardProxy proxy = new ForwardProxy("audio", "s3cret");
             CamelContext camel = camel(TLS, proxy, "audio", "wrong-password", true)) {
            Exception batch = transcribe(camel).getException();
            Exception live = streamLive(camel, "call-3").getException();

            assertNotNull(batch);
            assertTrue(batch.getMessage().contains("407"), batch.getMessage());
            assertFalse(batch.getMessage().contains("wrong-password"));
            assertNotNull(live);
            assertTrue(live.getMessage().contains("407") || live.getMessage().contains("proxy"), live.getMessage());
            assertFalse(live.getMessage().contains("wrong-password"));
        }
    }

    @Test
    void theCamelContextsGlobalSslParametersServeWhenTheComponentIsToldToUseThem() throws Exception {
        try (CamelContext camel = camel(TLS, null, null, null, false)) {
            camel.setSSLContextParameters(trusting());
            camel.getComponent("together-audio", TogetherAudioComponent.class).setUseGlobalSslContextParameters(true);

            assertNull(transcribe(camel).getException());
            assertNull(streamLive(camel, "call-5").getException());
        }
    }

    @Test
    void aCertificateTheTruststoreDoesNotHoldFailsBothWithATlsError() throws Exception {
        int answered = TLS.requests().size();
        try (CamelContext camel = camel(TLS, null, null, null, false)) {
            Exception batch = transcribe(camel).getException();
            Exception live = streamLive(camel, "call-4").getException();

            assertNotNull(batch);
            assertTrue(batch.getMessage().contains("certificate"), batch.getMessage());
            assertNotNull(live);
            assertTrue(live.getMessage().contains("certificate"), live.getMessage());
            assertEquals(answered, TLS.requests().size(), "nothing was sent to a server not trusted");
        }
    }
}
