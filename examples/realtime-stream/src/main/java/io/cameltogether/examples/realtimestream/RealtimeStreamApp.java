package io.cameltogether.examples.realtimestream;

import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.emulator.ApiTarget;

/**
 * Streams a speech WAV (default: the transcribe-folder example's voicemail) through a realtime session at real-time
 * pace and prints partial and final transcripts as they come. With TOGETHER_API_KEY set it uses the real API;
 * without, the embedded emulator, and says so. System property {@code wav} picks another recording.
 */
public final class RealtimeStreamApp {

    private RealtimeStreamApp() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("example.home", "."));
        Path wav = Path.of(System.getProperty("wav",
                home.resolve("../transcribe-folder/samples/voicemail-anna.wav").toString())).toAbsolutePath().normalize();
        TogetherAudioComponent together = new TogetherAudioComponent();
        try (ApiTarget api = ApiTarget.fromEnvironment(); CamelContext camel = new DefaultCamelContext()) {
            together.getConfiguration().setBaseUrl(api.baseUrl());
            together.getConfiguration().setApiKey(api.apiKey());
            camel.addComponent("together-audio", together);
            camel.addRoutes(new RealtimeStreamRoutes("stream:out"));
            camel.start();
            System.out.println("Streaming " + wav + " at the pace it plays...");
            ProducerTemplate template = camel.createProducerTemplate();
            String transcript = template.requestBodyAndHeader("direct:call", wav.toFile(),
                    TogetherAudioConstants.SESSION_ID, "call-1", String.class);
            System.out.println("Whole transcript: " + transcript);
        }
    }
}
