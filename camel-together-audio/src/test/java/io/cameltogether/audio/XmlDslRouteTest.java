package io.cameltogether.audio;

import org.apache.camel.Exchange;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.result.TranscriptionResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routes in Camel's XML DSL use the component with no Java: options and headers resolve through the catalog. */
class XmlDslRouteTest extends EmulatorTestSupport {

    private void load(String xml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("memory:routes.xml", xml));
    }

    @Test
    void anXmlRouteSetsOptionsAndPerMessageHeaders() throws Exception {
        load("""
                <routes xmlns="http://camel.apache.org/schema/xml-io">
                  <route id="xml-transcribe">
                    <from uri="direct:xml"/>
                    <setHeader name="CamelTogetherAudioLanguage"><constant>de</constant></setHeader>
                    <to uri="together-audio:transcribe?model=nvidia/parakeet-tdt-0.6b-v3&amp;diarize=true&amp;outputFormat=result"/>
                  </route>
                </routes>
                """);

        Exchange exchange = template.send("direct:xml", e -> e.getMessage().setBody(SPEECH_WAV.toFile()));

        assertNull(exchange.getException());
        assertTrue(exchange.getMessage().getBody(TranscriptionResult.class).isDiarized());
        assertEquals("nvidia/parakeet-tdt-0.6b-v3", EMULATOR.lastRequest().fields().get("model").get(0));
        assertEquals("de", EMULATOR.lastRequest().fields().get("language").get(0));
    }

    @Test
    void aMistypedOptionFailsTheRouteAtStartup() {
        FailedToCreateRouteException e = assertThrows(FailedToCreateRouteException.class, () -> load("""
                <routes xmlns="http://camel.apache.org/schema/xml-io">
                  <route><from uri="direct:typo"/><to uri="together-audio:transcribe?diarise=true"/></route>
                </routes>
                """));

        assertTrue(e.getMessage().contains("Unknown parameters=[{diarise=true}]"), e.getMessage());
    }
}
