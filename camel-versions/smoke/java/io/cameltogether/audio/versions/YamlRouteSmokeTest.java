package io.cameltogether.audio.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

/** A route in the YAML DSL, as JBang and kamelet users write them, resolving the scheme and its options. */
class YamlRouteSmokeTest {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    private static final String ROUTE = """
            - route:
                from:
                  uri: direct:recordings
                  steps:
                    - to:
                        uri: together-audio:transcribe
                        parameters:
                          language: en
                          outputFormat: text
            """;

    @Test
    void aYamlRouteTranscribes() throws Exception {
        try (DefaultCamelContext camel = SmokeCamel.pointedAt(EMULATOR)) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("recordings.yaml", ROUTE));
            camel.start();

            String text = camel.createProducerTemplate().requestBodyAndHeader("direct:recordings",
                    SmokeCamel.speechWav(), Exchange.FILE_NAME, "call.wav", String.class);

            assertTrue(text.startsWith("(emulated)"), text);
            assertEquals("en", EMULATOR.requests().get(0).field("language"));
        }
    }
}
