package io.cameltogether.audio.client;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.request.BatchOptions;
import io.cameltogether.audio.client.request.BatchRequest;
import io.cameltogether.audio.client.request.TimestampGranularity;
import io.cameltogether.audio.client.result.BatchResponse;
import io.cameltogether.audio.client.result.TranscriptionResult;

/**
 * Calls the batch endpoints: builds the multipart body ({@code model} first, {@code file} last, the audio streamed),
 * runs it on the given executor so callers never block, and retries transient failures with backoff. One instance
 * holds one connection pool; close it to release the pool.
 */
public final class TogetherAudioClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TogetherAudioClient.class);
    private static final ContentType TEXT_UTF8 = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);

    private final ClientSettings settings;
    private final ScheduledExecutorService executor;
    private final RetryPolicy retryPolicy;
    private final CloseableHttpClient http;
    private final AudioMetrics metrics;

    /**
     * @param executor runs the blocking HTTP calls and the delayed retries; owned by the caller, who sizes it to
     *                 {@link ClientSettings#maxConcurrentRequests()}
     */
    public TogetherAudioClient(ClientSettings settings, ScheduledExecutorService executor, AudioMetrics metrics) {
        this.settings = settings;
        this.executor = executor;
        this.metrics = metrics;
        this.retryPolicy = new RetryPolicy(settings.retryBaseDelay());
        this.http = ApiHttpClients.create(settings.apiKey(), settings.connectTimeout(), settings.requestTimeout(),
                settings.maxConcurrentRequests());
    }

    public ClientSettings settings() {
        return settings;
    }

    /** Sends the request; the future completes with the answer or with the failure after the last attempt. */
    public CompletableFuture<BatchResponse> send(BatchRequest request) {
        if (!request.audio().isUrl()) {
            UploadLimits.check(request.audio(), settings.maxUploadSize());
        }
        CompletableFuture<BatchResponse> result = new CompletableFuture<>();
        submit(() -> attempt(request, 0, result), 0, result);
        return result;
    }

    private void attempt(BatchRequest request, int retriesDone, CompletableFuture<BatchResponse> result) {
        HttpPost post = new HttpPost(settings.resolve(request.task().path()));
        AudioPartBody audioPart = request.audio().isUrl()
                ? null : new AudioPartBody(request.audio(), settings.maxUploadSize(), post::cancel);
        try {
            HttpResponseData response = execute(post, request, audioPart);
            if (response.status() / 100 == 2) {
                BatchResponse parsed = parse(response);
                if (parsed.result().duration() != null) {
                    metrics.audioTranscribed(request.task().taskName(), request.options().model(),
                            parsed.result().duration());
                }
                result.complete(parsed);
                return;
            }
            TogetherAudioApiException error = ApiErrors.toException(response.status(), response.reason(),
                    response.body(), response.requestId());
            retryOrFail(request, retriesDone, result, error, audioPart, response);
        } catch (IOException e) {
            retryOrFail(request, retriesDone, result, e, audioPart, null);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private void recordAttempt(BatchRequest request, int status, long startedNanos, AudioPartBody audioPart) {
        String task = request.task().taskName();
        metrics.requestCompleted(task, request.options().model(), status,
                Duration.ofNanos(System.nanoTime() - startedNanos));
        if (audioPart != null) {
            metrics.audioUploaded(task, audioPart.sent());
        }
    }

    private void retryOrFail(BatchRequest request, int retriesDone, CompletableFuture<BatchResponse> result,
                             Exception failure, AudioPartBody audioPart, HttpResponseData response) {
        boolean transientFailure = failure instanceof IOException
                || failure instanceof TogetherAudioApiException api && api.isRetryable();
        if (!transientFailure || retriesDone >= settings.maxRetries()) {
            result.completeExceptionally(failure instanceof IOException io ? connectionFailure(request, io) : failure);
            return;
        }
        if (audioPart != null && audioPart.started() && !request.audio().isRepeatable()) {
            result.completeExceptionally(new TogetherAudioException("upload of '" + request.audio().describe()
                    + "' failed and was not retried: its InputStream body was already partly sent and cannot be "
                    + "read again. Enable stream caching so a failed upload can be re-sent. Cause: "
                    + failure.getMessage(), failure));
            return;
        }
        Duration delay = response == null
                ? retryPolicy.delay(retriesDone + 1, null, null)
                : retryPolicy.delay(retriesDone + 1, response.retryAfterMs(), response.retryAfter());
        metrics.requestRetried(request.task().taskName(), response == null ? 0 : response.status());
        LOG.warn("{} of '{}' failed ({}); retry {} of {} in {} ms", request.task().taskName(),
                request.audio().describe(), failure.getMessage(), retriesDone + 1, settings.maxRetries(),
                delay.toMillis());
        submit(() -> attempt(request, retriesDone + 1, result), delay.toMillis(), result);
    }

    private void submit(Runnable task, long delayMillis, CompletableFuture<BatchResponse> result) {
        try {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new TogetherAudioException("the Together audio client is shut down", e));
        }
    }

    private TogetherAudioException connectionFailure(BatchRequest request, IOException cause) {
        return new TogetherAudioException(request.task().taskName() + " of '" + request.audio().describe()
                + "' failed: cannot reach " + settings.resolve(request.task().path()) + ": " + cause, cause);
    }

    /** One HTTP attempt, reported to the metrics whatever its end: status 0 when no answer came. */
    private HttpResponseData execute(HttpPost post, BatchRequest request, AudioPartBody audioPart) throws IOException {
        post.setEntity(multipart(request, audioPart));
        long started = System.nanoTime();
        int status = 0;
        try {
            HttpResponseData answer = http.execute(post, response -> {
                HttpEntity entity = response.getEntity();
                String body = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
                return new HttpResponseData(response.getCode(), response.getReasonPhrase(), body,
                        value(response.getFirstHeader("x-request-id")),
                        value(response.getFirstHeader("retry-after-ms")),
                        value(response.getFirstHeader("retry-after")));
            });
            status = answer.status();
            return answer;
        } finally {
            recordAttempt(request, status, started, audioPart);
        }
    }

    /** The API routes on {@code model} before reading the audio: model first, file last. */
    private static HttpEntity multipart(BatchRequest request, AudioPartBody audioPart) {
        BatchOptions o = request.options();
        MultipartEntityBuilder form = MultipartEntityBuilder.create()
                .setMode(HttpMultipartMode.EXTENDED)
                .setCharset(StandardCharsets.UTF_8);
        form.addTextBody("model", o.model(), TEXT_UTF8);
        addIfSet(form, "language", o.language());
        addIfSet(form, "prompt", o.prompt());
        addIfSet(form, "response_format", o.responseFormat() == null ? null : o.responseFormat().wireName());
        addIfSet(form, "temperature", o.temperature() == null
                ? null : BigDecimal.valueOf(o.temperature()).stripTrailingZeros().toPlainString());
        for (TimestampGranularity g : TimestampGranularity.values()) {
            if (o.timestampGranularities().contains(g)) {
                form.addTextBody("timestamp_granularities", g.wireName(), TEXT_UTF8);
            }
        }
        addIfSet(form, "diarize", o.diarize() == null ? null : o.diarize().toString());
        addIfSet(form, "min_speakers", o.minSpeakers() == null ? null : o.minSpeakers().toString());
        addIfSet(form, "max_speakers", o.maxSpeakers() == null ? null : o.maxSpeakers().toString());
        if (audioPart == null) {
            form.addTextBody("file", request.audio().url().toString(), TEXT_UTF8);
        } else {
            form.addPart("file", audioPart);
        }
        return form.build();
    }

    private static void addIfSet(MultipartEntityBuilder form, String name, String value) {
        if (value != null && !value.isBlank()) {
            form.addTextBody(name, value, TEXT_UTF8);
        }
    }

    private static BatchResponse parse(HttpResponseData response) throws IOException {
        TranscriptionResult result = Json.MAPPER.readValue(response.body(), TranscriptionResult.class);
        String id = result.id() != null ? result.id() : response.requestId();
        return new BatchResponse(response.body(), result, id);
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }

    /** Closes the connection pool; requests still running fail. The executor belongs to the caller. */
    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    private record HttpResponseData(int status, String reason, String body, String requestId, String retryAfterMs,
                                    String retryAfter) {
    }
}
