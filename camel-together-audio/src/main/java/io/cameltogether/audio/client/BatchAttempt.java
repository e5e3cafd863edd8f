package io.cameltogether.audio.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

import io.cameltogether.audio.client.request.BatchOptions;
import io.cameltogether.audio.client.request.BatchRequest;
import io.cameltogether.audio.client.request.BatchTask;
import io.cameltogether.audio.client.request.ResponseFormat;
import io.cameltogether.audio.client.request.TimestampGranularity;
import io.cameltogether.audio.client.result.BatchResponse;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.transport.BoundedBody;

/**
 * One HTTP attempt at a batch endpoint, and nothing more: builds the multipart body ({@code model} first,
 * {@code file} last, the audio streamed), sends it, reads the answer up to maxResponseSize and says what came back.
 * Retrying, pacing and waiting are {@link RetryingSender}'s.
 */
final class BatchAttempt {

    private static final ContentType TEXT_UTF8 = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);

    /**
     * What one attempt got.
     *
     * @param status        the answer's status; 0 when none came
     * @param response      the transcript, after a 2xx answer; null otherwise
     * @param failure       the API's error ({@link TogetherAudioApiException}) after any other answer, or the
     *                      {@link IOException} of no answer or of one cut off; null after a 2xx
     * @param retryAfter    the delay the server asked for, bounded; null if none
     * @param uploadStarted whether any of the audio was read for this attempt
     */
    record Outcome(int status, BatchResponse response, Exception failure, RateLimits rateLimits, Duration retryAfter,
                   boolean uploadStarted) {

        static Outcome noAnswer(IOException failure, boolean uploadStarted) {
            int status = failure instanceof AnswerCutOffException cut ? cut.status : 0;
            return new Outcome(status, null, failure, RateLimits.NONE, null, uploadStarted);
        }
    }

    private final ClientSettings settings;
    private final CloseableHttpClient http;
    private final AudioMetrics metrics;
    private final Map<BatchTask, URI> urls = new EnumMap<>(BatchTask.class);

    BatchAttempt(ClientSettings settings, CloseableHttpClient http, AudioMetrics metrics) {
        this.settings = settings;
        this.http = http;
        this.metrics = metrics;
        for (BatchTask task : BatchTask.values()) {
            urls.put(task, settings.resolve(task.path()));
        }
    }

    URI url(BatchTask task) {
        return urls.get(task);
    }

    /**
     * Sends the request once.
     *
     * @throws TogetherAudioException an answer that is whole but unusable (too large, not JSON), not to be sent
     *                                again since the API did the work; or audio that cannot be read
     */
    Outcome run(BatchRequest request) {
        HttpPost post = new HttpPost(urls.get(request.task()));
        AudioPartBody upload = request.audio().isUrl()
                ? null : new AudioPartBody(request.audio(), settings.maxUploadSize(), post::cancel);
        post.setEntity(multipart(request, upload));
        long started = System.nanoTime();
        int status = 0;
        try {
            Outcome outcome = http.execute(post, response -> read(request, response, upload, post));
            status = outcome.status();
            return outcome;
        } catch (IOException e) {
            return Outcome.noAnswer(e, upload != null && upload.started());
        } finally {
            String task = request.task().taskName();
            metrics.requestCompleted(task, request.options().model(), status,
                    Duration.ofNanos(System.nanoTime() - started));
            if (upload != null) {
                metrics.audioUploaded(task, upload.sent());
            }
        }
    }

    private Outcome read(BatchRequest request, ClassicHttpResponse response, AudioPartBody upload, HttpPost post)
            throws IOException {
        int status = response.getCode();
        RateLimits limits = RateLimits.read(name -> value(response.getFirstHeader(name)));
        if (!limits.isEmpty()) {
            metrics.rateLimitsSeen(request.options().model(), limits);
        }
        String requestId = value(response.getFirstHeader("x-request-id"));
        String body = body(response.getEntity(), status, post);
        if (status / 100 == 2) {
            BatchResponse parsed = parse(request, body, requestId, limits);
            if (parsed.result().duration() != null) {
                metrics.audioTranscribed(request.task().taskName(), request.options().model(),
                        parsed.result().duration());
            }
            return new Outcome(status, parsed, null, limits, null, upload != null && upload.started());
        }
        TogetherAudioApiException error = ApiErrors.toException(status, response.getReasonPhrase(), body, requestId);
        if (upload != null) {
            error = UploadLimits.explain(error, request.audio(), upload.sent(), settings.maxUploadSize());
        }
        Duration retryAfter = RetryPolicy.serverDelay(value(response.getFirstHeader("retry-after-ms")),
                value(response.getFirstHeader("retry-after")));
        return new Outcome(status, null, error, limits, retryAfter, upload != null && upload.started());
    }

    /**
     * The answer's text, read up to maxResponseSize: a larger answer is refused as it comes, never held. A body that
     * ends before its length, or in a broken chunk, fails as a cut-off answer. Refusing aborts the request first:
     * closing the stream normally would read the rest of the answer, however long, to keep the connection.
     */
    private String body(HttpEntity entity, int status, HttpPost post) throws IOException {
        long length = entity == null ? 0 : entity.getContentLength();
        // grown as bytes come, not sized by what the server announces
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Math.max(length, 0) + 1, 64 * 1024));
        try {
            BoundedBody.copy(post, entity, bytes, settings.maxResponseSize(), size -> tooLarge(status, size));
        } catch (IOException e) {
            throw new AnswerCutOffException(status, e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private TogetherAudioException tooLarge(int status, String size) {
        return new TogetherAudioException("the API's answer (HTTP " + status + ") is " + size
                + ", over maxResponseSize (" + settings.maxResponseSize() + " bytes); it was not read, and the "
                + "request is not sent again. Raise maxResponseSize if a transcript can really be that long");
    }

    /**
     * verbose_json becomes the typed result; json carries only the text (and perhaps an id), read from its tree. An
     * answer whose fields have unexpected types is read leniently (its text and id), never sent again: the API did
     * the work, and would bill it twice. An answer that is not JSON at all fails, again without a re-send.
     */
    private BatchResponse parse(BatchRequest request, String body, String requestId, RateLimits limits) {
        TranscriptionResult result;
        try {
            if (request.options().responseFormat() == ResponseFormat.VERBOSE_JSON) {
                result = TranscriptAnswers.typedOrLenient(body, request.task().taskName() + " of '"
                        + request.audio().describe() + "'");
            } else {
                result = TranscriptAnswers.textOnly(Json.MAPPER.readTree(body));
            }
        } catch (JsonProcessingException e) {
            throw new TogetherAudioException(request.task().taskName() + " of '" + request.audio().describe()
                    + "': the API answered success with a body that is not the JSON of a transcript ("
                    + e.getOriginalMessage() + "); it is not sent again, since the API did the work", e);
        }
        return new BatchResponse(body, result, result.id() != null ? result.id() : requestId, limits);
    }

    /** The API routes on {@code model} before reading the audio: model first, file last. */
    private static HttpEntity multipart(BatchRequest request, AudioPartBody upload) {
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
        if (upload == null) {
            form.addTextBody("file", request.audio().url().toString(), TEXT_UTF8);
        } else {
            form.addPart("file", upload);
        }
        return form.build();
    }

    private static void addIfSet(MultipartEntityBuilder form, String name, String value) {
        if (value != null && !value.isBlank()) {
            form.addTextBody(name, value, TEXT_UTF8);
        }
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }

    /** The status line came, the body did not come whole: worth a retry, but not "cannot reach". */
    static final class AnswerCutOffException extends IOException {
        final int status;

        AnswerCutOffException(int status, IOException cause) {
            super(cause.getMessage(), cause);
            this.status = status;
        }
    }
}
