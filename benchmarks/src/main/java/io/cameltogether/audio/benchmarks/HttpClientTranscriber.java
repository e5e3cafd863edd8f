package io.cameltogether.audio.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The baseline: a plain Apache HttpClient 5 classic program, a pooled client and a multipart POST per file,
 * {@code concurrency} threads. A burst goes to a fixed pool of that many threads with an unbounded queue.
 */
final class HttpClientTranscriber implements Transcriber {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloseableHttpClient http;
    private final ExecutorService pool;
    private final String url;

    HttpClientTranscriber(String baseUrl, int concurrency) {
        http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(concurrency).setMaxConnPerRoute(concurrency).build())
                .build();
        pool = Executors.newFixedThreadPool(concurrency);
        url = baseUrl + "/audio/transcriptions";
    }

    @Override
    public CompletableFuture<String> submit(Path audio) {
        return CompletableFuture.supplyAsync(() -> transcribe(audio), pool);
    }

    @Override
    public String transcribe(Path audio) {
        HttpPost post = new HttpPost(url);
        post.setHeader("Authorization", "Bearer emulator-key");
        post.setEntity(MultipartEntityBuilder.create()
                .addTextBody("model", "openai/whisper-large-v3")
                .addBinaryBody("file", audio.toFile(), ContentType.create("audio/wav"), audio.getFileName().toString())
                .build());
        try {
            return http.execute(post, response -> {
                String body = EntityUtils.toString(response.getEntity());
                if (response.getCode() != 200) {
                    throw new IOException("HTTP " + response.getCode() + ": " + body);
                }
                return JSON.readTree(body).path("text").asText();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        pool.shutdown();
        http.close();
    }
}
