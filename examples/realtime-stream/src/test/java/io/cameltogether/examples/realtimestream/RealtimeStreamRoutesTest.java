package io.cameltogether.examples.realtimestream;

import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RealtimeStreamRoutesTest extends CamelTestSupport {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        TogetherAudioComponent together = context.getComponent("together-audio", TogetherAudioComponent.class);
        together.getConfiguration().setBaseUrl(EMULATOR.baseUrl());
        together.getConfiguration().setApiKey(EMULATOR.apiKey());
        together.getConfiguration().setFinalTranscriptQuiet(300);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RealtimeStreamRoutes("mock:lines");
    }

    @Test
    void aRecordingStreamedAtItsOwnPacePrintsPartialsThenFinals() throws Exception {
        MockEndpoint lines = getMockEndpoint("mock:lines");
        Path wav = Path.of("../transcribe-folder/samples/voicemail-anna.wav");
        long start = System.nanoTime();

        String transcript = template.requestBodyAndHeader("direct:call", wav.toFile(), TogetherAudioConstants.SESSION_ID,
                "call-1", String.class);

        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        assertTrue(seconds >= 7, "7.7 s of audio streamed in real time took " + seconds + " s");
        assertTrue(transcript.startsWith("(emulated)"), transcript);
        List<String> printed = lines.getExchanges().stream().map(e -> e.getMessage().getBody(String.class)).toList();
        assertTrue(printed.get(0).startsWith("[call-1] partial (emulated)"), printed.toString());
        List<String> finals = printed.stream().filter(l -> l.contains("FINAL")).toList();
        assertEquals(transcript, String.join(" ", finals.stream().map(l -> l.substring(l.indexOf("FINAL") + 8)).toList()));
        assertTrue(finals.get(0).startsWith("[call-1 0."), finals.get(0));
    }
}
