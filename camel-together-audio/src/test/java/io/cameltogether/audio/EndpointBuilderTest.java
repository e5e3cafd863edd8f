package io.cameltogether.audio;

import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.request.OutputFormat;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.dsl.TogetherAudioEndpointBuilder;

import static io.cameltogether.audio.dsl.TogetherAudioEndpoints.togetherAudio;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed builder covers exactly the catalog's endpoint options and builds working endpoints. */
class EndpointBuilderTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:spanish").to(togetherAudio("translate").language("es").outputFormat(OutputFormat.RESULT));
                from("direct:perTopic").toD(togetherAudio("transcribe").prompt("${header.topic}").language("en"));
            }
        };
    }

    @Test
    void typedOptionsReachTheEndpointAndTheApi() {
        TogetherAudioEndpoint endpoint = togetherAudio("transcribe").model("nvidia/parakeet-tdt-0.6b-v3").diarize(true)
                .maxSpeakers(3).outputFormat(OutputFormat.RESULT).requestTimeout(Duration.ofMinutes(2))
                .resolve(context, TogetherAudioEndpoint.class);

        TranscriptionResult result = template.requestBody(endpoint, SPEECH_WAV, TranscriptionResult.class);

        assertEquals(120_000, endpoint.getConfiguration().getRequestTimeout());
        assertTrue(result.isDiarized());
        assertEquals("nvidia/parakeet-tdt-0.6b-v3", EMULATOR.lastRequest().field("model"));
        assertEquals("3", EMULATOR.lastRequest().field("max_speakers"));
    }

    @Test
    void builderWorksInRoutes() {
        TranscriptionResult result = template.requestBody("direct:spanish", SPEECH_WAV, TranscriptionResult.class);

        assertEquals("es", result.language());
        assertEquals("/v1/audio/translations", EMULATOR.lastRequest().path());
    }

    @Test
    void dynamicEndpointsEvaluateTheirOptionsPerMessage() {
        for (String topic : new String[] { "Invoices & refunds", "Camel, Kafka" }) {
            template.sendBodyAndHeader("direct:perTopic", SPEECH_WAV, "topic", topic);

            assertEquals(topic, EMULATOR.lastRequest().field("prompt"));
            assertEquals("en", EMULATOR.lastRequest().field("language"));
        }
    }
}
