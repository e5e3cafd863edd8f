package io.cameltogether.audio.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The non-blocking alternative the component could be built on: Apache HttpClient 5's async client (one I/O thread
 * per core). The multipart body is built in memory, which only small files allow; it is the upper bound of what a
 * non-blocking client gains, since a streamed body would add a producer that reads the file.
 */
final class AsyncHttpClientTranscriber implements Transcriber {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloseableHttpAsyncClient http;
    private final String url;

    AsyncHttpClientTranscriber(String baseUrl, int concurrency) {
        http = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(concurrency).setMaxConnPerRoute(concurrency).build())
                .build();
        http.start();
        url = baseUrl + "/audio/transcriptions";
    }

    @Override
    public CompletableFuture<String> submit(Path audio) {
        HttpEntity form = MultipartEntityBuilder.create()
                .addTextBody("model", "openai/whisper-large-v3")
                .addBinaryBody("file", audio.toFile(), ContentType.create("audio/wav"), audio.getFileName().toString())
                .build();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            form.writeTo(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<String> text = new CompletableFuture<>();
        http.execute(SimpleRequestProducer.create(SimpleRequestBuilder.post(url)
                        .setHeader("Authorization", "Bearer emulator-key")
                        .setBody(body.toByteArray(), ContentType.parse(form.getContentType()))
                        .build()),
                SimpleResponseConsumer.create(), new FutureCallback<SimpleHttpResponse>() {
                    @Override
                    public void completed(SimpleHttpResponse response) {
                        try {
                            if (response.getCode() != 200) {
                                throw new IOException("HTTP " + response.getCode() + ": " + response.getBodyText());
                            }
                            text.complete(JSON.readTree(response.getBodyText()).path("text").asText());
                        } catch (IOException e) {
                            text.completeExceptionally(e);
                        }
                    }

                    @Override
                    public void failed(Exception e) {
                        text.completeExceptionally(e);
                    }

                    @Override
                    public void cancelled() {
                        text.cancel(false);
                    }
                });
        return text;
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
