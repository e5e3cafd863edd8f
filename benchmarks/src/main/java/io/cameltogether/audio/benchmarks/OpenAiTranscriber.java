package io.cameltogether.audio.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;

/**
 * openai-java, the OpenAI-compatible SDK Java users reach for, with its base URL at the emulator and its defaults
 * otherwise (OkHttp; a burst goes through its async client).
 */
final class OpenAiTranscriber implements Transcriber {

    private final OpenAIClient client;

    OpenAiTranscriber(String baseUrl, int concurrency) {
        client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("emulator-key").maxRetries(0)
                .timeout(Duration.ofMinutes(10)).build();
    }

    private static TranscriptionCreateParams params(Path audio) {
        return TranscriptionCreateParams.builder().model("openai/whisper-large-v3").file(audio).build();
    }

    @Override
    public CompletableFuture<String> submit(Path audio) {
        return client.async().audio().transcriptions().create(params(audio)).thenApply(OpenAiTranscriber::text);
    }

    @Override
    public String transcribe(Path audio) {
        return text(client.audio().transcriptions().create(params(audio)));
    }

    private static String text(TranscriptionCreateResponse response) {
        return response.asTranscription().text();
    }

    @Override
    public void close() {
        client.close();
    }
}
