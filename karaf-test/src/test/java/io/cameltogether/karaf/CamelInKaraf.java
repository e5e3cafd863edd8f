package io.cameltogether.karaf;

import java.io.File;
import java.nio.file.Files;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.osgi.framework.BundleContext;

import io.cameltogether.audio.TogetherAudioConstants;

/**
 * The routes the Karaf test sends through, on camel-core-osgi's context. A class of its own: the test class is
 * loaded before the test installs Camel, so it must not name a Camel type.
 */
final class CamelInKaraf {

    private CamelInKaraf() {
    }

    /** Sends the recording through a route to together-audio:transcribe and returns the transcript. */
    static String transcribe(BundleContext bundleContext, File recording) throws Exception {
        try (CamelContext camel = camelWithRoute(bundleContext, "direct:transcribe", "together-audio:transcribe")) {
            return camel.createProducerTemplate().requestBody("direct:transcribe", recording, String.class);
        }
    }

    /** Streams the recording through a route to together-audio:realtime, InOut, and returns its transcript. */
    static String stream(BundleContext bundleContext, File recording) throws Exception {
        try (CamelContext camel = camelWithRoute(bundleContext, "direct:stream", "together-audio:realtime?pace=fast")) {
            Exchange answered = camel.createProducerTemplate().send("direct:stream", ExchangePattern.InOut, e -> {
                e.getMessage().setBody(Files.readAllBytes(recording.toPath()));
                e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "karaf-call");
            });
            if (answered.getException() != null) {
                throw answered.getException();
            }
            return answered.getMessage().getBody(String.class);
        }
    }

    private static CamelContext camelWithRoute(BundleContext bundleContext, String from, String to) throws Exception {
        CamelContext camel = new OsgiDefaultCamelContext(bundleContext);
        String endpoint = to + (to.contains("?") ? "&" : "?") + "baseUrl=" + System.getProperty("together.baseUrl")
                + "&apiKey=RAW(" + System.getProperty("together.apiKey") + ")";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(endpoint);
            }
        });
        camel.start();
        return camel;
    }
}
