package io.cameltogether.audio.client;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.request.BatchOptions;
import io.cameltogether.audio.client.request.BatchRequest;
import io.cameltogether.audio.client.request.BatchTask;
import io.cameltogether.audio.client.request.ResponseFormat;
import io.cameltogether.audio.client.request.TimestampGranularity;
import io.cameltogether.audio.client.result.BatchResponse;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.split.AudioPart;
import io.cameltogether.audio.client.split.PartedTranscription;
import io.cameltogether.audio.client.split.RecordingSplitter;

/**
 * Calls the batch endpoints: builds the multipart body ({@code model} first, {@code file} last, the audio streamed),
 * runs it on the given executor so callers do not wait for the answer, and retries transient failures with backoff.
 * {@link RequestAdmission} bounds how many requests wait; beyond that, {@link #send} waits for room. One instance
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
    private final RequestAdmission admission;
    private final RecordingSplitter splitter;
    private final Map<BatchTask, URI> urls = new EnumMap<>(BatchTask.class);
    /** Marks the threads that run this client's attempts, so that a send from one of them never waits for room. */
    private static final ThreadLocal<TogetherAudioClient> OWN_THREAD = new ThreadLocal<>();

    /**
     * @param executor runs the blocking HTTP calls and the delayed retries; owned by the caller, who gives it
     *                 {@link ClientSettings#maxConcurrentRequests()} threads and a queue without a bound of its own
     *                 (admission bounds it)
     */
    public TogetherAudioClient(ClientSettings settings, ScheduledExecutorService executor, AudioMetrics metrics) {
        this.settings = settings;
        this.executor = executor;
        this.metrics = metrics;
        this.retryPolicy = new RetryPolicy(settings.retryDelay());
        this.admission = new RequestAdmission(settings.maxConcurrentRequests(), settings.maxQueuedRequests());
        this.splitter = new RecordingSplitter(settings.maxAudioDuration(), settings.maxUploadSize(),
                settings.partDuration());
        for (BatchTask task : BatchTask.values()) {
            urls.put(task, settings.resolve(task.path()));
        }
        this.http = ApiHttpClients.create(settings.apiKey(), settings.connectTimeout(), settings.requestTimeout(),
                settings.maxConcurrentRequests(), settings.network(), settings.baseUrl());
    }

    public ClientSettings settings() {
        return settings;
    }

    /**
     * Sends the request; the future completes with the answer or with the failure after the last attempt, on one of
     * the executor's threads (on the calling thread only if the attempt ended before the caller looked). While the
     * client holds as many requests as it may, the calling thread waits for room; one of the client's own threads
     * (a route that sends again from the answer's thread) never waits, since it may be the one that would free it.
     * A WAV over the limits (or over the part duration) is sent as parts, each a request of its own, and answered
     * as one.
     *
     * @throws AudioValidationException when the audio is over the upload cap and cannot be split
     * @throws TogetherAudioException   when the client is stopping, or the wait for room is interrupted
     */
    public CompletableFuture<BatchResponse> send(BatchRequest request) {
        return send(request, false);
    }

    /**
     * Sends the request as {@link #send} does, but makes its first attempt on the calling thread, which waits for
     * one of the maxConcurrentRequests sending slots: for callers that wait for the answer anyway, this saves
     * handing the request to another thread and the answer back. Retries and the parts of a split recording
     * still run on the executor; the returned future may then still be running.
     */
    public CompletableFuture<BatchResponse> sendOnCallingThread(BatchRequest request) {
        return send(request, true);
    }

    private CompletableFuture<BatchResponse> send(BatchRequest request, boolean onCallingThread) {
        Optional<List<AudioPart>> parts = splitter.split(request.audio());
        if (parts.isPresent()) {
            return PartedTranscription.send(request, parts.get(), part -> sendWhole(part, false));
        }
        return sendWhole(request, onCallingThread);
    }

    /** Sends the audio in one request, as it is. */
    private CompletableFuture<BatchResponse> sendWhole(BatchRequest request, boolean onCallingThread) {
        if (!request.audio().isUrl()) {
            UploadLimits.check(request.audio(), settings.maxUploadSize());
        }
        admission.enter(OWN_THREAD.get() != this);
        CompletableFuture<BatchResponse> result = new CompletableFuture<>();
        // the place is free before the caller hears of the end, so a caller that sends again at once finds room
        CompletableFuture<BatchResponse> answered = result.whenComplete((response, failure) -> admission.leave());
        if (onCallingThread) {
            attempt(request, 0, result);
            return answered;
        }
        try {
            executor.execute(() -> attemptOnOwnThread(request, 0, result));
        } catch (RejectedExecutionException e) {
            admission.leave();
            throw stopping(e);
        }
        return answered;
    }

    private void attemptOnOwnThread(BatchRequest request, int retriesDone, CompletableFuture<BatchResponse> result) {
        OWN_THREAD.set(this);
        attempt(request, retriesDone, result);
    }

    /** One attempt in one of the sending slots, given back before the outcome is told to anyone. */
    private void attempt(BatchRequest request, int retriesDone, CompletableFuture<BatchResponse> result) {
        HttpPost post = new HttpPost(urls.get(request.task()));
        AudioPartBody audioPart = request.audio().isUrl()
                ? null : new AudioPartBody(request.audio(), settings.maxUploadSize(), post::cancel);
        try {
            HttpResponseData response;
            admission.startSending();
            try {
                response = execute(post, request, audioPart);
            } finally {
                admission.finishSending();
            }
            if (response.status() / 100 == 2) {
                BatchResponse parsed = parse(response, request.options().responseFormat());
                if (parsed.result().duration() != null) {
                    metrics.audioTranscribed(request.task().taskName(), request.options().model(),
                            parsed.result().duration());
                }
                result.complete(parsed);
                return;
            }
            TogetherAudioApiException error = ApiErrors.toException(response.status(), response.reason(),
                    response.body(), response.requestId());
            if (audioPart != null) {
                error = UploadLimits.explain(error, request.audio(), audioPart.sent(), settings.maxUploadSize());
            }
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
        boolean transientFailure = failure instanceof IOException && !(failure instanceof SSLHandshakeException)
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
        try {
            executor.schedule(() -> attemptOnOwnThread(request, retriesDone + 1, result), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(stopping(e));
        }
    }

    /** The executor refuses work only once its owner has shut it down. */
    private static TogetherAudioException stopping(RejectedExecutionException cause) {
        return new TogetherAudioException("the Together audio client is stopping: the request was not sent", cause);
    }

    /** The last attempt's I/O failure, said as what the user sees: no answer in time, a cut answer, no connection. */
    private TogetherAudioException connectionFailure(BatchRequest request, IOException cause) {
        String what = request.task().taskName() + " of '" + request.audio().describe() + "' failed: ";
        if (cause instanceof AnswerCutOffException) {
            return new TogetherAudioException(what + "the API's answer (HTTP " + ((AnswerCutOffException) cause).status
                    + ") was cut off or malformed: " + cause.getMessage(), cause);
        }
        String untrusted = Network.untrustedServer(urls.get(request.task()).toString(), cause);
        if (untrusted != null) {
            return new TogetherAudioException(what + untrusted, cause);
        }
        if (cause instanceof SocketTimeoutException) {
            return new TogetherAudioException(what + "no answer from " + urls.get(request.task())
                    + " within requestTimeout (" + settings.requestTimeout().toMillis() + " ms): " + cause, cause);
        }
        return new TogetherAudioException(what + "cannot reach " + urls.get(request.task()) + ": "
                + cause, cause);
    }

    /** One HTTP attempt, reported to the metrics whatever its end: status 0 when no answer came. */
    private HttpResponseData execute(HttpPost post, BatchRequest request, AudioPartBody audioPart) throws IOException {
        post.setEntity(multipart(request, audioPart));
        long started = System.nanoTime();
        int status = 0;
        try {
            HttpResponseData answer = http.execute(post, response -> {
                HttpEntity entity = response.getEntity();
                String body;
                try {
                    body = entity == null ? "" : text(entity);
                } catch (IOException e) {
                    throw new AnswerCutOffException(response.getCode(), e);
                }
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

    /**
     * The answer's text, read at its announced length: the API answers UTF-8 with a Content-Length, and reading
     * that many bytes spares every request the 8 KB decoder buffers a Reader would allocate. A body cut short of
     * its length fails here, as a cut-off answer.
     */
    private static String text(HttpEntity entity) throws IOException {
        long length = entity.getContentLength();
        try (InputStream in = entity.getContent()) {
            byte[] bytes = length >= 0 && length < Integer.MAX_VALUE ? in.readNBytes((int) length) : in.readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
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

    /**
     * verbose_json becomes the typed result; json carries only the text (and perhaps an id), read from its tree: a
     * typed read would cost the first request of a process some 100 ms of Jackson set-up for one field.
     */
    private static BatchResponse parse(HttpResponseData response, ResponseFormat format) throws IOException {
        TranscriptionResult result;
        try {
            if (format == ResponseFormat.VERBOSE_JSON) {
                result = Json.MAPPER.readValue(response.body(), TranscriptionResult.class);
            } else {
                JsonNode json = Json.MAPPER.readTree(response.body());
                result = TranscriptionResult.textOnly(json.path("text").asText(""), json.path("id").textValue());
            }
        } catch (JsonProcessingException e) {
            throw new AnswerCutOffException(response.status(), e);
        }
        String id = result.id() != null ? result.id() : response.requestId();
        return new BatchResponse(response.body(), result, id);
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }

    /**
     * Closes the connection pool; requests still running fail, and senders waiting for room are told the client is
     * stopping. The executor belongs to the caller.
     */
    @Override
    public void close() {
        admission.close();
        http.close(CloseMode.GRACEFUL);
    }

    /** The status line came, the body did not come whole or readable: worth a retry, but not "cannot reach". */
    private static final class AnswerCutOffException extends IOException {
        private final int status;

        AnswerCutOffException(int status, IOException cause) {
            super(cause.getMessage(), cause);
            this.status = status;
        }
    }

    private record HttpResponseData(int status, String reason, String body, String requestId, String retryAfterMs,
                                    String retryAfter) {
    }
}
