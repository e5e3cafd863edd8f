package io.cameltogether.audio;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    void builderMethodsAreExactlyTheCatalogsEndpointOptionsButTheKey() throws Exception {
        JsonNode properties = new ObjectMapper().readTree(getClass().getResourceAsStream(
                "/META-INF/io/cameltogether/audio/together-audio.json")).get("properties");
        Set<String> options = new TreeSet<>();
        properties.fields().forEachRemaining(p -> {
            if (!p.getValue().get("kind").asText().equals("path") && !p.getKey().equals("apiKey")) {
                options.add(p.getKey());
            }
        });
        Set<String> methods = Arrays.stream(TogetherAudioEndpointBuilder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getReturnType() == TogetherAudioEndpointBuilder.class
                        && m.getParameterCount() == 1)
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));

        assertEquals(options, methods);
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
