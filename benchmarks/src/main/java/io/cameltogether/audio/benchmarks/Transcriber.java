package io.cameltogether.audio.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** One way of sending a recording to the transcription endpoint, as the benchmark compares them. */
interface Transcriber extends AutoCloseable {

    /** Hands the file over; the future ends with the transcript's text, or fails. */
    CompletableFuture<String> submit(Path audio);

    /** Hands the file over and waits for its transcript on the calling thread. */
    default String transcribe(Path audio) {
        return submit(audio).join();
    }

    @Override
    void close() throws Exception;

    /** The client by its name on the command line, sending to the emulator at baseUrl. */
    static Transcriber named(String name, String baseUrl, int concurrency, long maxUploadBytes) throws Exception {
        return switch (name) {
            case "component" -> new ComponentTranscriber(baseUrl, concurrency, maxUploadBytes, false);
            case "component-synchronous" -> new ComponentTranscriber(baseUrl, concurrency, maxUploadBytes, true);
            case "httpclient" -> new HttpClientTranscriber(baseUrl, concurrency);
            case "httpclient-async" -> new AsyncHttpClientTranscriber(baseUrl, concurrency);
            case "openai-java" -> new OpenAiTranscriber(baseUrl, concurrency);
            default -> throw new IllegalArgumentException("unknown client " + name);
        };
    }
}
