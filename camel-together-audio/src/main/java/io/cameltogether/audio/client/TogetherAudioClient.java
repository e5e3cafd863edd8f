package io.cameltogether.audio.client;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.io.CloseMode;

import io.cameltogether.audio.client.request.BatchRequest;
import io.cameltogether.audio.client.result.BatchResponse;
import io.cameltogether.audio.client.split.AudioPart;
import io.cameltogether.audio.client.split.ChannelTranscription;
import io.cameltogether.audio.client.split.PartedTranscription;
import io.cameltogether.audio.client.split.RecordingSplitter;
import io.cameltogether.audio.client.transport.ApiHttpClients;

/**
 * Calls the batch endpoints: splits recordings over the API's limits into parts, bounds how many requests wait
 * ({@link RequestAdmission}: beyond that, {@link #send} waits for room), and hands each request to a
 * {@link RetryingSender}, which paces, sends and retries it. One instance holds one connection pool; close it to
 * release the pool.
 */
public final class TogetherAudioClient implements AutoCloseable {

    private final ClientSettings settings;
    private final CloseableHttpClient http;
    private final RequestAdmission admission;
    private final RecordingSplitter splitter;
    private final RetryingSender sender;

    /**
     * @param executor runs the blocking HTTP calls and times the retries; owned by the caller, who gives it
     *                 {@link ClientSettings#maxConcurrentRequests()} threads and a queue without a bound of its own
     *                 (admission bounds it)
     * @param pacers   the component's pacers, shared by its endpoints
     */
    public TogetherAudioClient(ClientSettings settings, ScheduledExecutorService executor, RatePacers pacers,
                               AudioMetrics metrics) {
        this.settings = settings;
        this.admission = new RequestAdmission(settings.maxConcurrentRequests(), settings.maxQueuedRequests());
        this.splitter = new RecordingSplitter(settings.maxAudioDuration(),
                UploadLimits.partCap(settings.maxUploadSize()), settings.partDuration());
        this.http = ApiHttpClients.create(settings.apiKey(), settings.connectTimeout(), settings.requestTimeout(),
                settings.maxConcurrentRequests(), settings.network(), settings.baseUrl());
        BatchAttempt attempt = new BatchAttempt(settings, http, new EndpointMetrics(metrics, settings.model()));
        this.sender = new RetryingSender(settings, attempt::run, request -> attempt.url(request.task()), executor,
                executor, System::nanoTime, model -> pacers.pacer(settings.baseUrl(), settings.apiKey(), model,
                settings.maxRequestsPerSecond(), settings.adaptiveRateLimit()), metrics);
    }

    public ClientSettings settings() {
        return settings;
    }

    /**
     * Sends the request; the future completes with the answer or with the failure after the last attempt, on one of
     * the executor's threads (on the calling thread only if the attempt ended before the caller looked). While the
     * client holds as many requests as it may, the calling thread waits for room; one of the client's own threads
     * (a route that sends again from the answer's thread) never waits, since it may be the one that would free it.
     * A WAV, MP3 or FLAC over the limits (or over the part duration) is sent as parts, each a request of its own,
     * and answered as one; so is each channel of a WAV whose request asks for its channels apart.
     *
     * @throws AudioValidationException when the audio is over the upload cap and cannot be split
     * @throws TogetherAudioException   when the client is stopping, or the wait for room is interrupted
     */
    public CompletableFuture<BatchResponse> send(BatchRequest request) {
        return send(request, false);
    }

    /**
     * Sends the request as {@link #send} does, but makes its first attempt on the calling thread, which waits for
     * its turn and one of the maxConcurrentRequests sending slots: for callers that wait for the answer anyway,
     * this saves handing the request to another thread and the answer back. Retries and the parts of a split
     * recording still run on the executor; the returned future may then still be running.
     */
    public CompletableFuture<BatchResponse> sendOnCallingThread(BatchRequest request) {
        return send(request, true);
    }

    private CompletableFuture<BatchResponse> send(BatchRequest request, boolean onCallingThread) {
        if (request.channels() != null) {
            return ChannelTranscription.send(request, request.channels(), channel -> send(channel, false));
        }
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
        admission.enter(!sender.isOwnThread());
        CompletableFuture<BatchResponse> answer;
        try {
            answer = sender.send(request, onCallingThread);
        } catch (RuntimeException | Error e) {
            admission.leave(); // no answer will come to give the place back
            throw e;
        }
        // the place is free before the caller hears of the end, so a caller that sends again at once finds room
        return answer.whenComplete((response, failure) -> admission.leave());
    }

    /**
     * Closes the connection pool; requests waiting for their turn or a retry fail with a "stopping" error, those
     * being sent fail with the pool, and senders waiting for room are told the client is stopping. The executor
     * belongs to the caller.
     */
    @Override
    public void close() {
        admission.close();
        sender.close();
        http.close(CloseMode.GRACEFUL);
    }
}
