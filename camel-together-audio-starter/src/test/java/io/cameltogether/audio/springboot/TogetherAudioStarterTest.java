package io.cameltogether.audio.springboot;

import java.nio.file.Path;

import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@CamelSpringBootTest
@SpringBootTest(classes = TogetherAudioStarterTest.App.class, properties = {
        "camel.component.together-audio.model=nvidia/parakeet-tdt-0.6b-v3",
        "camel.component.together-audio.request-timeout=2m",
        "camel.component.together-audio.output-format=result",
        "camel.component.together-audio.diarize=true",
        "camel.component.together-audio.vertx=#bean:sharedVertx" })
class TogetherAudioStarterTest {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    @DynamicPropertySource
    static void pointAtTheEmulator(DynamicPropertyRegistry registry) {
        registry.add("camel.component.together-audio.base-url", EMULATOR::baseUrl);
        registry.add("camel.component.together-audio.api-key", EMULATOR::apiKey);
    }

    @SpringBootApplication
    static class App {
        @Bean(destroyMethod = "close")
        Vertx sharedVertx() {
            return Vertx.vertx();
        }
    }

    @Autowired
    CamelContext camelContext;
    @Autowired
    ProducerTemplate template;
    @Autowired
    Vertx sharedVertx;

    @Test
    void propertiesBecomeTheDefaultsOfEveryEndpoint() {
        TogetherAudioEndpoint endpoint = camelContext.getEndpoint("together-audio:transcribe", TogetherAudioEndpoint.class);

        assertEquals("nvidia/parakeet-tdt-0.6b-v3", endpoint.getConfiguration().getModel());
        assertEquals(120_000, endpoint.getConfiguration().getRequestTimeout(), "2m, as Spring Boot reads durations");
        assertEquals(EMULATOR.baseUrl(), endpoint.getConfiguration().getBaseUrl());
        assertSame(sharedVertx, camelContext.getComponent("together-audio", TogetherAudioComponent.class).getVertx(),
                "#bean: references resolve to the application's beans");
    }

    @Test
    void aRouteTranscribesWithTheConfiguredOptions() {
        TranscriptionResult result = template.requestBody("together-audio:transcribe",
                Path.of("../camel-together-audio/src/test/resources/audio/speech.wav"), TranscriptionResult.class);

        assertTrue(result.text().startsWith("(emulated)"));
        assertTrue(result.isDiarized());
        assertEquals("nvidia/parakeet-tdt-0.6b-v3", EMULATOR.lastRequest().field("model"));
    }
}
