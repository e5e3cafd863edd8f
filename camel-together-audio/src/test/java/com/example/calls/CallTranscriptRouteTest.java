package com.example.calls;

import java.io.File;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.emulator.Fault;
import io.cameltogether.audio.emulator.RecordedRequest;
import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A route test of your own against the emulator: no network, no key. */
class CallTranscriptRouteTest extends CamelTestSupport {

    // started once for the class, its recordings and faults cleared before each test
    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // the component your routes use, pointed at the emulator
        TogetherAudioComponent component = context.getComponent("together-audio", TogetherAudioComponent.class);
        component.getConfiguration().setBaseUrl(EMULATOR.baseUrl());
        component.getConfiguration().setApiKey(EMULATOR.apiKey());
        component.getConfiguration().setRetryDelay(10); // milliseconds: retries stay quick in tests
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:call")
                        .to("together-audio:transcribe?diarize=true&outputFormat=srt")
                        .to("mock:subtitles");
            }
        };
    }

    @Test
    void aCallBecomesSubtitlesEvenWhenTheApiIsBusyOnce() throws Exception {
        EMULATOR.enqueue(Fault.status(429).withRetryAfter(Duration.ofSeconds(1))); // the first attempt is refused
        MockEndpoint subtitles = getMockEndpoint("mock:subtitles");
        subtitles.expectedMessageCount(1);

        template.sendBody("direct:call", new File("src/test/resources/audio/speech.wav"));

        subtitles.assertIsSatisfied();
        assertTrue(subtitles.getExchanges().get(0).getMessage().getBody(String.class).startsWith("1\n00:00:00,000 --> "));
        RecordedRequest retried = EMULATOR.lastRequest();  // what reached the API on the second attempt
        assertEquals(200, retried.status());
        assertEquals("/v1/audio/transcriptions", retried.path());
        assertEquals("true", retried.field("diarize"));      // each form field as sent
        assertEquals("speech.wav", retried.fileName());
        assertEquals(2, EMULATOR.requests().size());         // every attempt, in order
    }
}
