package io.cameltogether.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.result.TranscriptionResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch answers no honest API gives: each ends in a clear outcome, never a hang, a re-billed request or memory
 * without bound. A server of our own gives them, since the emulator behaves.
 */
class HostileBatchAnswersTest extends CamelTestSupport {

    private static final Path SPEECH_WAV = Path.of("src/test/resources/audio/speech.wav");

    private final AtomicInteger requests = new AtomicInteger();
    private volatile Answer answer;
    private HttpServer server;

    private interface Answer {
        void write(HttpExchange exchange) throws IOException;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            try {
                answer.write(exchange);
            } catch (IOException clientWentAway) {
                // the component refused the answer part way: what these tests want
            } finally {
                exchange.close();
            }
        });
        server.start();
        CamelContext context = super.createCamelContext();
        TogetherAudioConfiguration defaults = context.getComponent("together-audio", TogetherAudioComponent.class)
                .getConfiguration();
        defaults.setBaseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        defaults.setApiKey("hostile-test-key");
        defaults.setRetryDelay(10);
        return context;
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private Exchange send(String uri) {
        return template.send(uri, e -> e.getMessage().setBody(SPEECH_WAV.toFile()));
    }

    @Test
    void anEndlessAnswerFailsAtMaxResponseSizeAndTheSlotComesBack() {
        answer = exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no length
            byte[] chunk = new byte[64 * 1024];
            while (true) {
                exchange.getResponseBody().write(chunk);
            }
        };
        String oneAtATime = "together-audio:transcribe?maxConcurrentRequests=1&maxQueuedRequests=0"
                + "&maxResponseSize=1000000";

        Exception e = send(oneAtATime).getException();

        assertInstanceOf(TogetherAudioException.class, e);
        assertTrue(e.getMessage().contains("over maxResponseSize (1000000 bytes)")
                && e.getMessage().contains("not sent again"), e.getMessage());
        answer = exchange -> json(exchange, "{\"text\":\"after\"}");
        assertEquals("after", send(oneAtATime).getMessage().getBody());
        assertEquals(2, requests.get(), "the refused answer was not asked for again");
    }

    @Test
    void aCompleteAnswerOfUnexpectedTypesIsReadLenientlyAndNotSentAgain() {
        answer = exchange -> json(exchange, "{\"text\":\"hello there\",\"duration\":\"long\",\"segments\":"
                + "[{\"id\":\"seg-1\",\"start\":\"zero\",\"text\":\"hello there\"}]}");

        Exchange exchange = send("together-audio:transcribe?outputFormat=result");

        assertNull(exchange.getException());
        assertEquals("hello there", exchange.getMessage().getBody(TranscriptionResult.class).text());
        assertEquals(1, requests.get());
    }

    @Test
    void aCompleteAnswerThatIsNotJsonFailsWithoutASecondRequest() {
        answer = exchange -> json(exchange, "<html>maintenance</html>");

        Exception e = send("together-audio:transcribe").getException();

        assertTrue(e.getMessage().contains("not the JSON of a transcript"), e.getMessage());
        assertEquals(1, requests.get());
    }

    @Test
    void anErrorsWordsAreCutBeforeTheyReachTheExceptionAndTheLog() {
        String endless = "x".repeat(200_000);
        answer = exchange -> {
            byte[] bytes = ("{\"error\":{\"message\":\"" + endless + "\",\"type\":\"" + endless + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, bytes.length);
            exchange.getResponseBody().write(bytes);
        };

        Exception e = send("together-audio:transcribe").getException();

        assertTrue(e.getMessage().length() < 3_000, e.getMessage().length() + " characters");
        assertEquals(1, requests.get());
    }

    @Test
    void anEmptySuccessIsNoTranscriptAndIsNotAskedForAgain() {
        answer = exchange -> json(exchange, "");

        Exception e = send("together-audio:transcribe").getException();

        assertTrue(e.getMessage().contains("not the JSON of a transcript (no text field in an empty body)"),
                e.getMessage());
        assertEquals(1, requests.get());
    }

    @Test
    void anHttpBaseUrlThatLeavesTheMachineIsRefusedBeforeAnythingIsSent() {
        Exception e = assertThrows(Exception.class,
                () -> context.getEndpoint("together-audio:transcribe?baseUrl=http://api.together.xyz/v1"));

        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("baseUrl http://api.together.xyz/v1 is not accepted: the API key "
                + "would travel in clear"), cause.getMessage());
    }
}
