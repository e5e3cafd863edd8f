package io.cameltogether.audio.emulator;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;

/**
 * A local emulator of the Together AI audio API, on loopback: the batch endpoints with Bearer auth, strict
 * validation, the real limits and error bodies, emulated transcripts timed to the audio, request recording, and
 * scripted faults; the realtime WebSocket with voice activity detection, recording and faults; and GET /v1/models
 * for health probes. Start it, point the client's base URL at {@link #baseUrl()}, use {@link #apiKey()}.
 */
public class TogetherAudioEmulator implements AutoCloseable {

    public static final String DEFAULT_API_KEY = "emulator-key";
    /** The real server closes a realtime session after 300 s without appends. */
    public static final Duration DEFAULT_REALTIME_IDLE_TIMEOUT = Duration.ofSeconds(300);

    private volatile String apiKey = DEFAULT_API_KEY;
    /** The live API's cap on a direct upload, counted over the whole request body in decimal megabytes. */
    public static final long LIVE_UPLOAD_CAP = BatchLimits.LIVE_UPLOAD_CAP;

    private final BatchLimits limits = new BatchLimits();

    private volatile Duration realtimeIdleTimeout = DEFAULT_REALTIME_IDLE_TIMEOUT;
    private volatile boolean bareTranscriptionEvents;
    private volatile boolean processedEvents;
    private volatile boolean confidences;
    private PfxOptions tls;

    /** A queue, not a copy-on-write list: soak runs record tens of thousands of requests. */
    private final Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private volatile RandomFaults randomFaults;
    private volatile boolean recording = true;
    private final AtomicInteger modelsRequests = new AtomicInteger();
    private final AtomicInteger droppedUploads = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger mostHeld = new AtomicInteger();
    private final List<RealtimeConnectionLog> realtimeSessions = new CopyOnWriteArrayList<>();
    private final Queue<RealtimeFault> realtimeFaults = new ConcurrentLinkedQueue<>();
    private final FileHost fileHost = new FileHost();
    private final EmulatedBatchJobs batchJobs = new EmulatedBatchJobs(limits);
    private Vertx vertx;
    private HttpServer server;
    private HttpClient fetcher;

    /** Starts on a free loopback port. Idempotent. */
    public synchronized TogetherAudioEmulator start() {
        return start(0);
    }

    public synchronized TogetherAudioEmulator start(int port) {
        if (vertx != null) {
            return this;
        }
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
        fetcher = vertx.createHttpClient(new HttpClientOptions().setTrustAll(true).setVerifyHost(false));
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                        .setMaxFormAttributeSize(1024 * 1024).setHandle100ContinueAutomatically(true)
                        .setSsl(tls != null).setKeyCertOptions(tls))
                .requestHandler(ApiRoutes.of(this, fetcher, batchJobs));
        batchJobs.started(new AudioUrlFetcher(fetcher));
        await(server.listen());
        fileHost.start(vertx);
        return this;
    }

    /** The Files and Batches APIs of audio batch jobs: their settings, faults and what clients asked of them. */
    public EmulatedBatchJobs batchJobs() {
        return batchJobs;
    }

    public synchronized int port() {
        requireRunning();
        return server.actualPort();
    }

    /** The base URL to configure clients with, e.g. {@code http://127.0.0.1:43210/v1}; realtime is at ws://.../v1/realtime. */
    public String baseUrl() {
        return (tls == null ? "http" : "https") + "://" + (tls == null ? "127.0.0.1" : "localhost") + ":" + port() + "/v1";
    }

    /**
     * Serves HTTPS and WSS (call before {@link #start()}) with a self-signed certificate for localhost that no JVM
     * trusts: clients must be given {@link #trustStore()}, as they would a corporate CA. The base URL then names
     * localhost, as the certificate does.
     */
    public synchronized TogetherAudioEmulator withTls() {
        if (vertx != null) {
            throw new IllegalStateException("TLS is set before the emulator starts");
        }
        this.tls = FileHost.selfSigned();
        return this;
    }

    /** A truststore (in memory) holding the certificate that {@link #withTls()} serves. */
    public static KeyStore trustStore() {
        return FileHost.trustStore();
    }

    public String apiKey() {
        return apiKey;
    }

    /** The key the emulator accepts; any other gets 401 invalid_api_key. */
    public TogetherAudioEmulator withApiKey(String key) {
        this.apiKey = key;
        return this;
    }

    BatchLimits limits() {
        return limits;
    }

    /**
     * Request bodies above this get 413 {@code request_too_large} (default {@link #LIVE_UPLOAD_CAP}, the live cap).
     */
    public TogetherAudioEmulator withMaxUploadBytes(long bytes) {
        limits.maxUploadBytes = bytes;
        return this;
    }

    /**
     * Answers an upload over the cap with the HTML page of an edge proxy instead of the API's JSON error, as some of
     * Together's edges do.
     */
    public TogetherAudioEmulator withHtmlPayloadTooLarge(boolean html) {
        limits.htmlPayloadTooLarge = html;
        return this;
    }

    /**
     * Limits batch requests to this many per second per key and model, as Together's dynamic limits answer: 429
     * {@code dynamic_request_limited} without Retry-After past it, and {@code x-ratelimit-*} headers on every answer.
     * 0 lifts the limit.
     */
    public TogetherAudioEmulator withRateLimit(double requestsPerSecond) {
        limits.rateLimit = requestsPerSecond > 0 ? new EmulatedRateLimit(requestsPerSecond) : null;
        return this;
    }

    /** Audio fetched from a URL above this gets 400 file_too_large (default 1 GB). */
    public TogetherAudioEmulator withMaxUrlBytes(long bytes) {
        limits.maxUrlBytes = bytes;
        return this;
    }

    /** Audio longer than this gets 400 audio_too_long (default 4 hours). */
    public TogetherAudioEmulator withMaxDurationSeconds(double seconds) {
        limits.maxDurationSeconds = seconds;
        return this;
    }

    /**
     * How long a batch answer takes, in seconds per hour of audio (default 0: at once), as the real API takes time
     * in proportion to the audio's length: lets a benchmark see what sending parts side by side gains.
     */
    public TogetherAudioEmulator withProcessingSecondsPerAudioHour(double seconds) {
        limits.processingSecondsPerAudioHour = seconds;
        return this;
    }

    public Duration realtimeIdleTimeout() {
        return realtimeIdleTimeout;
    }

    /** A realtime session without appends for this long is closed with idle_timeout (default 300 s). */
    public TogetherAudioEmulator withRealtimeIdleTimeout(Duration timeout) {
        this.realtimeIdleTimeout = timeout;
        return this;
    }

    public boolean bareTranscriptionEvents() {
        return bareTranscriptionEvents;
    }

    /**
     * Sends transcription events in the bare shape Together's docs show, {@code {"type", "transcript"}} and
     * {@code {"type", "delta"}}, without the optional {@code item_id}, {@code start} and {@code duration}: what a
     * client may rely on when the server does not send them.
     */
    public TogetherAudioEmulator withBareTranscriptionEvents(boolean bare) {
        this.bareTranscriptionEvents = bare;
        return this;
    }

    boolean processedEvents() {
        return processedEvents;
    }

    /** Sends the {@code processed_ms} watermark of newer servers (off by default, as on those that predate it). */
    public TogetherAudioEmulator withProcessedEvents(boolean on) {
        this.processedEvents = on;
        return this;
    }

    boolean confidences() {
        return confidences;
    }

    /** Adds log-probabilities and token and end-of-turn confidences, as newer servers do (off by default). */
    public TogetherAudioEmulator withConfidences(boolean on) {
        this.confidences = on;
        return this;
    }

    /** Queues realtime faults; each following WebSocket connection takes one, in order. */
    public TogetherAudioEmulator enqueue(RealtimeFault... next) {
        realtimeFaults.addAll(List.of(next));
        return this;
    }

    /** Every realtime connection so far, oldest first. */
    public List<RecordedRealtimeSession> realtimeSessions() {
        return realtimeSessions.stream().map(RealtimeConnectionLog::snapshot).toList();
    }

    /** Queues faults; each following request takes one, in order. */
    public TogetherAudioEmulator enqueue(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    /**
     * Faults this share (0 to 1) of the requests that have no queued fault, each drawn at random from the given
     * faults; a seed makes a run repeatable. Each {@link RecordedRequest#fault()} says which one a request got.
     */
    public TogetherAudioEmulator withRandomFaults(double share, long seed, Fault... from) {
        this.randomFaults = new RandomFaults(share, seed, List.of(from));
        return this;
    }

    /** Serves the file over https on loopback and returns its URL, to send as an URL body. */
    public String host(Path file) {
        requireRunning();
        return fileHost.host(file);
    }

    /**
     * Whether requests and realtime connections are kept for {@link #requests()} and {@link #realtimeSessions()}
     * (the default). A standalone emulator serving benchmarks or long sessions turns it off, since nobody reads its
     * recordings and they would fill its heap. The key in an Authorization header is never recorded.
     */
    public TogetherAudioEmulator withRequestRecording(boolean on) {
        this.recording = on;
        return this;
    }

    /** Every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many GET /v1/models calls (health probes, typically) have arrived. */
    public int modelsRequests() {
        return modelsRequests.get();
    }

    /**
     * How many batch requests the client abandoned before their body ended (an upload it aborted): such a request is
     * never transcribed, and never recorded as a request.
     */
    public int droppedUploads() {
        return droppedUploads.get();
    }

    /** Requests whose answer a {@link Fault#holdUntil} fault holds now. */
    public int heldRequests() {
        return held.get();
    }

    /** The most requests held at once since the last reset: how many a client had at the server together. */
    public int mostHeldRequests() {
        return mostHeld.get();
    }

    void held(int change) {
        mostHeld.accumulateAndGet(held.addAndGet(change), Math::max);
    }

    void countDroppedUpload() {
        droppedUploads.incrementAndGet();
    }

    void countModelsRequest() {
        modelsRequests.incrementAndGet();
    }

    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) {
            throw new IllegalStateException("the emulator has received no request");
        }
        return all.get(all.size() - 1);
    }

    /** Forgets recorded requests and pending faults, and restores the default limits and key. */
    public void reset() {
        requests.clear();
        faults.clear();
        randomFaults = null;
        modelsRequests.set(0);
        droppedUploads.set(0);
        held.set(0);
        mostHeld.set(0);
        realtimeSessions.clear();
        realtimeFaults.clear();
        realtimeIdleTimeout = DEFAULT_REALTIME_IDLE_TIMEOUT;
        bareTranscriptionEvents = false;
        processedEvents = false;
        confidences = false;
        apiKey = DEFAULT_API_KEY;
        limits.reset();
        batchJobs.reset();
    }

    @Override
    public synchronized void close() {
        if (vertx == null) {
            return;
        }
        fileHost.stop();
        batchJobs.reset();
        await(vertx.close());
        vertx = null;
        server = null;
        fetcher = null;
    }

    Fault nextFault() {
        Fault queued = faults.poll();
        RandomFaults random = randomFaults;
        return queued != null || random == null ? queued : random.next();
    }

    RealtimeFault nextRealtimeFault() {
        return realtimeFaults.poll();
    }

    RealtimeConnectionLog recordRealtime(RealtimeConnectionLog log) {
        if (log.recording()) {
            realtimeSessions.add(log);
        }
        return log;
    }

    boolean recording() {
        return recording;
    }

    void record(RecordedRequest request) {
        if (recording) {
            requests.add(request);
        }
    }

    Vertx vertx() {
        return vertx;
    }

    private void requireRunning() {
        if (vertx == null) {
            throw new IllegalStateException("the emulator is not started");
        }
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("emulator operation failed: " + e.getMessage(), e);
        }
    }
}
