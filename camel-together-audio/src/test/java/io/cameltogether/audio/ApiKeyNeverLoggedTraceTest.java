package io.cameltogether.audio;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.emulator.Fault;
import io.cameltogether.audio.emulator.RealtimeFault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs in its own JVM with every logger at TRACE (see the pom), through success, retries, API errors, validation
 * errors, connection failures and a realtime session with a reconnect, and checks that the key, set on the component as documented, shows up nowhere but
 * on the wire. (A key written into an endpoint URI is traced verbatim by Camel core's endpoint resolution, which is
 * why the documentation says never to put it there.)
 */
class ApiKeyNeverLoggedTraceTest extends EmulatorTestSupport {

    private static final String KEY = "tgp_test_Sup3rSecretKeyValue_987654321";

    @Test
    void keyAppearsInNoLogLineMessageUriOrToString() throws Exception {
        assertTrue(org.slf4j.LoggerFactory.getLogger("org.apache.hc.client5.http.headers").isDebugEnabled(),
                "this test needs HttpClient's header log switched on");
        EMULATOR.withApiKey(KEY);
        context.getComponent("together-audio", TogetherAudioComponent.class).getConfiguration().setApiKey(KEY);
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>();
        System.setErr(capture);
        System.setOut(capture);
        try {
            EMULATOR.enqueue(Fault.status(429).withRetryAfterMillis(Duration.ofMillis(10)));
            Exchange ok = send("together-audio:transcribe", SPEECH_WAV);
            Exchange apiError = template.send("together-audio:transcribe", e -> {
                e.getMessage().setBody(SPEECH_WAV);
                e.getMessage().setHeader(TogetherAudioConstants.MODEL, "acme/none");
            });
            Exchange invalid = send("together-audio:transcribe", "http://insecure/a.wav");
            Exchange unreachable = send("together-audio:translate?baseUrl=http://127.0.0.1:1/v1&maxRetries=1", SPEECH_WAV);
            EMULATOR.enqueue(RealtimeFault.dropAfterAppends(5));
            Exchange live = template.send("together-audio:realtime?pace=fast&finalTranscriptQuiet=200&reconnectDelay=10",
                    ExchangePattern.InOut, e -> e.getMessage().setBody(TestAudio.speechPcm()));
            assertEquals(null, live.getException());
            assertEquals(2, EMULATOR.realtimeSessions().size(), "the realtime session reconnected once");

            assertEquals(null, ok.getException());
            for (Exchange failed : List.of(apiError, invalid, unreachable)) {
                assertNotNull(failed.getException());
                texts.add(failed.getException().toString());
                texts.add(String.valueOf(failed.getException().getCause()));
            }
            for (Endpoint endpoint : context.getEndpoints()) {
                texts.add(endpoint.toString());
                if (endpoint instanceof TogetherAudioEndpoint together) {
                    texts.add(together.getConfiguration().toString());
                    if (together.getClient() != null) {
                        texts.add(together.getClient().settings().toString());
                    }
                    texts.add(together.getEndpointUri());
                }
            }
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);

        assertTrue(logs.contains("Authorization") || logs.contains("http.headers"), "the header log ran");
        assertTrue(logs.contains("retry 1 of"), "the retry was logged");
        assertFalse(logs.contains(KEY), "key in a log line");
        texts.forEach(text -> assertFalse(text.contains(KEY), "key in: " + text));
        assertTrue(EMULATOR.requests().stream().anyMatch(r -> r.status() == 200),
                "the key did go on the wire: the emulator accepted it");
    }
}
