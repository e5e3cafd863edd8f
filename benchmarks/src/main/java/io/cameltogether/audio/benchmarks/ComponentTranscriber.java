package io.cameltogether.audio.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import io.cameltogether.audio.TogetherAudioComponent;

/**
 * The component, as a service calls it: a ProducerTemplate sending the file to the endpoint, resolved once as an
 * application injects it (a String URI would have Camel normalise it on every send); by default handing each message
 * to the endpoint's request threads, or with synchronous=true sending on the caller's thread.
 */
final class ComponentTranscriber implements Transcriber {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate template;
    private final Endpoint endpoint;

    ComponentTranscriber(String baseUrl, int concurrency, long maxUploadBytes, boolean synchronous) {
        TogetherAudioComponent together = new TogetherAudioComponent();
        together.getConfiguration().setBaseUrl(baseUrl);
        together.getConfiguration().setApiKey("emulator-key");
        camel.addComponent("together-audio", together);
        camel.start();
        template = camel.createProducerTemplate();
        endpoint = camel.getEndpoint("together-audio:transcribe?maxRetries=0&maxConcurrentRequests=" + concurrency
                + "&maxUploadSize=" + maxUploadBytes + "&synchronous=" + synchronous
                // one request, as the other clients send: the 1 GiB WAV (9 h) would otherwise be split at 4 h
                + "&maxAudioDuration=" + Duration.ofHours(100).toMillis());
    }

    @Override
    public CompletableFuture<String> submit(Path audio) {
        return template.asyncSend(endpoint, e -> e.getMessage().setBody(audio.toFile())).thenApply(ComponentTranscriber::text);
    }

    @Override
    public String transcribe(Path audio) {
        return text(template.send(endpoint, e -> e.getMessage().setBody(audio.toFile())));
    }

    private static String text(Exchange exchange) {
        if (exchange.getException() != null) {
            throw new IllegalStateException(exchange.getException());
        }
        return exchange.getMessage().getBody(String.class);
    }

    @Override
    public void close() throws Exception {
        camel.close();
    }
}
