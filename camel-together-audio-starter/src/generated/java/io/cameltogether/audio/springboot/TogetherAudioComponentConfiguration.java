package io.cameltogether.audio.springboot;

import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code camel.component.together-audio.*}: the component's options as Spring Boot properties, defaults for
 * every together-audio endpoint. Generated from the component's catalog by build-tools/OptionMirrors.java: do
 * not edit.
 */
@ConfigurationProperties(prefix = "camel.component.together-audio")
public class TogetherAudioComponentConfiguration extends ComponentConfigurationPropertiesCommon {
    /**
     * Base URL of the Together API. Point it at the together-audio emulator for offline tests. https only, or http to a
     * loopback host: the API key must not cross the network in clear.
     */
    private String baseUrl = "https://api.together.xyz/v1";
    /**
     * ISO 639-1 language code. For transcribe, the spoken language (unset: auto-detect); for translate, the target
     * language (unset: English).
     */
    private String language;
    /**
     * The speech-to-text model, e.g. openai/whisper-large-v3 or nvidia/parakeet-tdt-0.6b-v3. Any model name the API
     * knows is accepted.
     */
    private String model = "openai/whisper-large-v3";
    /**
     * Text that biases the decoding, e.g. names and terms the audio contains. Only Whisper models honour it.
     */
    private String prompt;
    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as a
     * message and handled by the routing Error Handler. Important: This is only possible if the 3rd party component
     * allows Camel to be alerted if an exception was thrown. Some components handle this internally only, and therefore
     * bridgeErrorHandler is not possible. In other situations we may improve the Camel component to hook into the 3rd
     * party component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level and
     * ignored.
     */
    private Boolean bridgeErrorHandler = false;
    /**
     * Realtime consumer: threads that route transcripts. Each session's transcripts and events go through the route in
     * order; different sessions go side by side, so a slow step for one call does not hold up the others.
     */
    private Integer concurrentConsumers = 8;
    /**
     * batchJob consumer: a recording without a transcript is routed as a message with no body and the
     * CamelTogetherAudioRecordingError header, instead of going to the consumer's exception handler (logged, or the
     * route's error handler with bridgeErrorHandler=true).
     */
    private Boolean failuresAsHeader = false;
    /**
     * Realtime consumer: also emit partial transcripts while a turn is in progress (header CamelTogetherAudioFinal
     * false). Each partial replaces the previous one of the same turn.
     */
    private Boolean includeDeltas = false;
    /**
     * Realtime consumer: also emit the sessions' connection events, the body a SessionEvent and the header
     * CamelTogetherAudioEventType one of session.opened, session.reconnecting, session.reconnected (with the audio
     * replayed), session.audio_gap (speech that could not be replayed after a drop) and session.closed.
     */
    private Boolean includeSessionEvents = false;
    /**
     * batchJob consumer: ids of jobs submitted elsewhere (comma-separated) whose results this consumer delivers, as it
     * does those of the jobs this application submitted.
     */
    private String jobIds;
    /**
     * With channels=separate, the channels' names, first channel first, comma-separated (e.g. agent,customer): they
     * label the turns (agent: ...), words and subtitle cues. Unset, the channels are named channel1, channel2...
     */
    private String channelNames;
    /**
     * How a recording with several channels (a call recorded with the agent on one channel, the customer on the other)
     * is transcribed: mixed sends it as it is, and the API mixes the channels; separate sends each channel of a WAV
     * (PCM, float, G.711) as a mono request of its own, side by side, and merges the answers into one transcript on the
     * recording's clock whose turns, words and subtitles name their channel (channelNames). A channel that stays silent
     * is not sent. One request per channel that holds sound.
     */
    private io.cameltogether.audio.client.request.ChannelMode channels = io.cameltogether.audio.client.request.ChannelMode.MIXED;
    /**
     * Realtime producer: milliseconds of audio per append when streaming files and streams (at most 1000).
     */
    private Integer chunkDurationMs = 100;
    /**
     * Whether to identify speakers (transcribe only): words and speaker segments carry SPEAKER_00, SPEAKER_01, ...
     */
    private Boolean diarize = false;
    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed then
     * creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer = false;
    /**
     * Longest audio the API takes in one request (4 hours). A longer WAV, MP3 or FLAC is split into parts under it, cut
     * in pauses, sent side by side and stitched into one transcript; longer audio of other formats is refused before
     * sending when its container says how long it is.
     */
    private java.time.Duration maxAudioDuration = java.time.Duration.ofMillis(14400000);
    /**
     * Most speakers expected, to improve diarization when known.
     */
    private Integer maxSpeakers;
    /**
     * Largest audio upload in bytes. A larger WAV, MP3 or FLAC is split into parts under it, cut in pauses; other
     * larger audio fails before sending. The API refuses direct uploads over 80 MB (413 request_too_large), so the
     * default is 80,000,000 bytes and a larger value only moves the refusal to the API; send larger files of other
     * formats as an https URL (the API fetches up to 1 GB) or convert them.
     */
    private Long maxUploadSize = 80000000L;
    /**
     * Fewest speakers expected, to improve diarization when known.
     */
    private Integer minSpeakers;
    /**
     * The message body produced: text (the transcript as a String), result (a typed TranscriptionResult), json (the
     * API's JSON as a String), srt or vtt (subtitles as a String).
     */
    private io.cameltogether.audio.client.request.OutputFormat outputFormat = io.cameltogether.audio.client.request.OutputFormat.TEXT;
    /**
     * Realtime producer: send file and stream audio at real-time speed, as a live source would (realtime), or as fast
     * as the session takes it (fast). With fast, the sender waits while more than replayBufferDuration of audio has no
     * final transcript yet, so a reconnect can replay all of it.
     */
    private io.cameltogether.audio.client.realtime.Pace pace = io.cameltogether.audio.client.realtime.Pace.REALTIME;
    /**
     * Split a WAV, MP3 or FLAC longer than this into parts of at most this length, cut in pauses, sent side by side (up
     * to maxConcurrentRequests at once) and stitched into one transcript: a long recording is transcribed in about the
     * time of its longest part. 0 splits only what maxAudioDuration or maxUploadSize require.
     */
    private java.time.Duration partDuration = java.time.Duration.ofMillis(0);
    /**
     * Response format asked of the API. Unset, the component asks for what the output needs: verbose_json for result,
     * srt, vtt, diarization and timestamps, json otherwise.
     */
    private io.cameltogether.audio.client.request.ResponseFormat responseFormat;
    /**
     * Sampling temperature between 0 and 1; 0 is the most deterministic. Unset, the API's default (0) applies.
     */
    private Double temperature;
    /**
     * Timestamp detail in verbose_json: segment, word, or segment,word. Word timestamps give tighter subtitles.
     */
    private String timestampGranularities;
    /**
     * Batch only: send on the route's thread, which waits for the answer (and for one of the maxConcurrentRequests
     * slots), instead of handing the message to the endpoint's request threads. Saves two thread hand-offs per message;
     * for routes that bring their own concurrency (threads(n), concurrent consumers, a ProducerTemplate called from
     * many threads). Retries and the parts of a split recording still run on the request threads.
     */
    private Boolean synchronous = false;
    /**
     * Pace requests at the rate the API admits: the x-ratelimit-limit it sends on each answer, cut on each 429 and
     * regained on success, shared by all endpoints of one API key and model, so that a backlog drains steadily at the
     * limit instead of in bursts the API refuses. A 429 makes the request wait its turn again (see maxRateLimitWait)
     * instead of using up a retry. false sends as fast as maxConcurrentRequests allow (and at most
     * maxRequestsPerSecond).
     */
    private Boolean adaptiveRateLimit = true;
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;
    /**
     * Time allowed to open a connection to the API.
     */
    private java.time.Duration connectTimeout = java.time.Duration.ofMillis(10000);
    /**
     * Requests in flight at once per endpoint; also the size of its connection pool. Further messages wait their turn
     * (see maxQueuedRequests).
     */
    private Integer maxConcurrentRequests = 8;
    /**
     * Messages per endpoint that may wait for a free request slot beyond maxConcurrentRequests; they hold a reference
     * to their body and no thread. When that many wait, the thread handing over the next message waits for room:
     * back-pressure on the route's consumer (a file or Kafka consumer polls no further), never a refusal.
     */
    private Integer maxQueuedRequests = 1000;
    /**
     * How long one request may keep being answered 429 (rate limited) before it fails with the API's error. Those
     * answers do not count against maxRetries.
     */
    private java.time.Duration maxRateLimitWait = java.time.Duration.ofMillis(600000);
    /**
     * The most requests sent per second to one model with one API key, by all the endpoints that share this setting; 0
     * for no ceiling other than the API's. Fractions are allowed (0.5 is one every two seconds).
     */
    private Double maxRequestsPerSecond = 0.0d;
    /**
     * Bytes of an answer read at most. A larger answer fails the message with an error naming this option, and is not
     * requested again; 16 MB holds the verbose transcript of the longest audio the API takes.
     */
    private Long maxResponseSize = 16777216L;
    /**
     * How many times a request is retried after a transient failure (408, 409, 5xx, a dropped connection, an answer cut
     * off), with exponential backoff that honours Retry-After. 0 disables retries. A 429 is waited out instead (see
     * maxRateLimitWait).
     */
    private Integer maxRetries = 3;
    /**
     * Whether to record Micrometer metrics (together.audio.requests, retries, upload.bytes, audio.seconds,
     * realtime.sessions, realtime.reconnects). They are recorded when Micrometer is on the classpath and the registry
     * holds a MeterRegistry: the one bound as metricsRegistry, the only one, or Spring Boot's composite.
     */
    private Boolean metricsEnabled = true;
    /**
     * Time allowed for the API to answer once the audio is sent; long audio takes long to transcribe.
     */
    private java.time.Duration requestTimeout = java.time.Duration.ofMillis(3600000);
    /**
     * First backoff delay; each further retry doubles it, up to 8 seconds, with jitter.
     */
    private java.time.Duration retryDelay = java.time.Duration.ofMillis(500);
    /**
     * The Vert.x instance for realtime WebSocket sessions, e.g. the application's own. If none is set or found in the
     * registry, the component makes one when the first realtime endpoint starts, and closes it when it stops.
     */
    private io.vertx.core.Vertx vertx;
    /**
     * batchJob: the endpoint a job's recordings go to, transcribe or translate, with this endpoint's options (model,
     * language, prompt, response format, timestamp granularities, diarization...).
     */
    private io.cameltogether.audio.client.request.BatchTask jobOperation = io.cameltogether.audio.client.request.BatchTask.TRANSCRIBE;
    /**
     * batchJob: where the ids of submitted jobs are kept until all their recordings are delivered, with how many of
     * each job's recordings were delivered, so that a restart polls them again instead of submitting again, and
     * delivers only the recordings not yet delivered: e.g. a FileStateRepository, or any StateRepository of your own (a
     * table, a compacted topic). The producer and the consumer must share the same bean. Unset, the component keeps
     * them in memory, shared by its batchJob endpoints (lost on restart).
     */
    private org.apache.camel.spi.StateRepository<String, String> jobRepository;
    /**
     * batchJob consumer: the largest result file (bytes) downloaded; a larger one is refused as it comes, and the job's
     * recordings not yet delivered fail, saying so.
     */
    private Long maxResultFileSize = 8000000000L;
    /**
     * batchJob: the directory where a job's input file is written before upload and its result files are downloaded
     * before delivery (deleted after). Unset, the JVM's temporary directory.
     */
    private String workDirectory;
    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled = true;
    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by default
     * disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled = true;
    /**
     * HTTP forward proxy for batch requests and realtime sessions alike. Unset: the JVM's https.proxyHost (or
     * http.proxyHost for an http base URL) and http.nonProxyHosts apply; an option set here wins over them.
     */
    private String proxyHost;
    /**
     * Password for the proxy's Basic authentication.
     */
    private String proxyPassword;
    /**
     * Port of the proxyHost.
     */
    private Integer proxyPort;
    /**
     * User for the proxy's Basic authentication; sent to the proxy only, never to the API.
     */
    private String proxyUsername;
    /**
     * Realtime, Deepgram models: the confidence, 0 to 1, at which the model sends an eager_end_of_turn event before it
     * is sure (sent as eager_eot_threshold in turn_detection; see includeTurnEvents).
     */
    private Double eagerEotThreshold;
    /**
     * Realtime, Deepgram models: how sure the model must be that a turn ended before it ends it, 0 to 1 (sent as
     * eot_threshold in turn_detection).
     */
    private Double eotThreshold;
    /**
     * Realtime, Deepgram models: a turn ends after this many milliseconds of silence, however unsure the model is (sent
     * as eot_timeout_ms in turn_detection).
     */
    private Integer eotTimeoutMs;
    /**
     * Realtime: models to fail over to, in turn, comma-separated, when the endpoint says it cannot serve the current
     * one (no_healthy_upstream); the session reconnects at once with the next and replays its audio. Without them such
     * a session fails.
     */
    private String fallbackModels;
    /**
     * Realtime consumer: also emit the turn-taking events some models send (Deepgram's: start_of_turn, end_of_turn,
     * eager_end_of_turn, turn_resumed), the body the turn's text so far if the server sent it, the server event type in
     * CamelTogetherAudioEventType and CamelTogetherAudioFinal false.
     */
    private Boolean includeTurnEvents = false;
    /**
     * Realtime: the PCM format the session receives: 16-bit little-endian mono at 16, 8 or 24 kHz. WAV bodies of any
     * rate, channel count and depth are converted to it.
     */
    private io.cameltogether.audio.client.realtime.RealtimeAudioFormat inputAudioFormat = io.cameltogether.audio.client.realtime.RealtimeAudioFormat.PCM_S16LE_16000;
    /**
     * Realtime: sessions open at once on this endpoint (one WebSocket each); audio for one more session fails with a
     * clear error rather than waiting for a connection.
     */
    private Integer maxSessions = 1000;
    /**
     * Realtime: longest turn in seconds before the server cuts it (server default 5).
     */
    private Double maxSpeechDurationS;
    /**
     * Realtime: silence that ends a turn, in milliseconds (server default 500).
     */
    private Integer minSilenceDurationMs;
    /**
     * Realtime: speech needed to start a turn, in milliseconds (server default 250).
     */
    private Integer minSpeechDurationMs;
    /**
     * Realtime: what raw audio bodies (bytes or streams that are not a WAV) hold: session for PCM in inputAudioFormat,
     * sent as it is; g711_ulaw_8000 or g711_alaw_8000 for telephone audio, expanded to inputAudioFormat by the standard
     * G.711 tables. WAV bodies say their own format and are converted whatever this says.
     */
    private io.cameltogether.audio.client.pcm.RawAudioEncoding rawAudioEncoding = io.cameltogether.audio.client.pcm.RawAudioEncoding.SESSION;
    /**
     * Realtime: a session without audio or commands for this long is closed (its last turn committed first).
     */
    private java.time.Duration sessionIdleTimeout = java.time.Duration.ofMillis(60000);
    /**
     * Realtime: audio kept on each side of a turn, in milliseconds (server default 250).
     */
    private Integer speechPadMs;
    /**
     * Realtime: server_vad lets the server find speech turns; none means a turn ends only when the route sends the
     * commit action.
     */
    private io.cameltogether.audio.client.realtime.TurnDetectionMode turnDetection = io.cameltogether.audio.client.realtime.TurnDetectionMode.SERVER_VAD;
    /**
     * Realtime: voice activity threshold, 0 to 1 (server default 0.3; about 0.01 suits phone audio).
     */
    private Double vadThreshold;
    /**
     * Realtime: after a commit, the transcript counts as final once the server has sent nothing for this long.
     */
    private java.time.Duration finalTranscriptQuiet = java.time.Duration.ofMillis(1000);
    /**
     * Realtime producer, InOut: the longest to wait for the final transcript after the audio is sent.
     */
    private java.time.Duration finalTranscriptTimeout = java.time.Duration.ofMillis(120000);
    /**
     * Realtime: after this long without audio, the session sends 100 ms of silence so that the server (which closes
     * after 300 s without audio) keeps it open.
     */
    private java.time.Duration keepAliveInterval = java.time.Duration.ofMillis(200000);
    /**
     * Realtime: reconnections tried in a row (after drops, 4503 closes, handshake 429/5xx) before the session fails.
     */
    private Integer reconnectAttempts = 5;
    /**
     * Realtime: first delay before reconnecting; doubled per attempt up to 15 seconds, with jitter.
     */
    private java.time.Duration reconnectDelay = java.time.Duration.ofMillis(500);
    /**
     * Realtime: the longest a run of reconnections may take before the session fails.
     */
    private java.time.Duration reconnectMaxTime = java.time.Duration.ofMillis(60000);
    /**
     * Realtime: audio kept until a final transcript covers it, and re-sent after a reconnect so no speech is lost.
     */
    private java.time.Duration replayBufferDuration = java.time.Duration.ofMillis(10000);
    /**
     * Realtime: no event from the server for this long while audio flows (and no answer to a probe) means the
     * connection is dead, and the session reconnects.
     */
    private java.time.Duration serverSilenceTimeout = java.time.Duration.ofMillis(30000);
    /**
     * Realtime: how long to wait for session.created after connecting before trying again.
     */
    private java.time.Duration sessionCreatedTimeout = java.time.Duration.ofMillis(10000);
    /**
     * The Together API key. If not set, the TOGETHER_API_KEY environment variable is used, as Together's SDKs do. It is
     * sent only in the Authorization header and never logged.
     */
    private String apiKey;
    /**
     * TLS key and trust material, e.g. a truststore with the CA of a TLS-inspecting proxy. Unset: the component's
     * global parameters if useGlobalSslContextParameters, else the JVM's (javax.net.ssl. system properties).
     * Certificates and host names are always verified.
     */
    private org.apache.camel.support.jsse.SSLContextParameters sslContextParameters;
    /**
     * Use the CamelContext's global SSL context parameters for endpoints that set no sslContextParameters.
     */
    private Boolean useGlobalSslContextParameters = false;

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getPrompt() {
        return prompt;
    }

    public void setPrompt(String prompt) {
        this.prompt = prompt;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public Integer getConcurrentConsumers() {
        return concurrentConsumers;
    }

    public void setConcurrentConsumers(Integer concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public Boolean getFailuresAsHeader() {
        return failuresAsHeader;
    }

    public void setFailuresAsHeader(Boolean failuresAsHeader) {
        this.failuresAsHeader = failuresAsHeader;
    }

    public Boolean getIncludeDeltas() {
        return includeDeltas;
    }

    public void setIncludeDeltas(Boolean includeDeltas) {
        this.includeDeltas = includeDeltas;
    }

    public Boolean getIncludeSessionEvents() {
        return includeSessionEvents;
    }

    public void setIncludeSessionEvents(Boolean includeSessionEvents) {
        this.includeSessionEvents = includeSessionEvents;
    }

    public String getJobIds() {
        return jobIds;
    }

    public void setJobIds(String jobIds) {
        this.jobIds = jobIds;
    }

    public String getChannelNames() {
        return channelNames;
    }

    public void setChannelNames(String channelNames) {
        this.channelNames = channelNames;
    }

    public io.cameltogether.audio.client.request.ChannelMode getChannels() {
        return channels;
    }

    public void setChannels(io.cameltogether.audio.client.request.ChannelMode channels) {
        this.channels = channels;
    }

    public Integer getChunkDurationMs() {
        return chunkDurationMs;
    }

    public void setChunkDurationMs(Integer chunkDurationMs) {
        this.chunkDurationMs = chunkDurationMs;
    }

    public Boolean getDiarize() {
        return diarize;
    }

    public void setDiarize(Boolean diarize) {
        this.diarize = diarize;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public java.time.Duration getMaxAudioDuration() {
        return maxAudioDuration;
    }

    public void setMaxAudioDuration(java.time.Duration maxAudioDuration) {
        this.maxAudioDuration = maxAudioDuration;
    }

    public Integer getMaxSpeakers() {
        return maxSpeakers;
    }

    public void setMaxSpeakers(Integer maxSpeakers) {
        this.maxSpeakers = maxSpeakers;
    }

    public Long getMaxUploadSize() {
        return maxUploadSize;
    }

    public void setMaxUploadSize(Long maxUploadSize) {
        this.maxUploadSize = maxUploadSize;
    }

    public Integer getMinSpeakers() {
        return minSpeakers;
    }

    public void setMinSpeakers(Integer minSpeakers) {
        this.minSpeakers = minSpeakers;
    }

    public io.cameltogether.audio.client.request.OutputFormat getOutputFormat() {
        return outputFormat;
    }

    public void setOutputFormat(io.cameltogether.audio.client.request.OutputFormat outputFormat) {
        this.outputFormat = outputFormat;
    }

    public io.cameltogether.audio.client.realtime.Pace getPace() {
        return pace;
    }

    public void setPace(io.cameltogether.audio.client.realtime.Pace pace) {
        this.pace = pace;
    }

    public java.time.Duration getPartDuration() {
        return partDuration;
    }

    public void setPartDuration(java.time.Duration partDuration) {
        this.partDuration = partDuration;
    }

    public io.cameltogether.audio.client.request.ResponseFormat getResponseFormat() {
        return responseFormat;
    }

    public void setResponseFormat(io.cameltogether.audio.client.request.ResponseFormat responseFormat) {
        this.responseFormat = responseFormat;
    }

    public Double getTemperature() {
        return temperature;
    }

    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    public String getTimestampGranularities() {
        return timestampGranularities;
    }

    public void setTimestampGranularities(String timestampGranularities) {
        this.timestampGranularities = timestampGranularities;
    }

    public Boolean getSynchronous() {
        return synchronous;
    }

    public void setSynchronous(Boolean synchronous) {
        this.synchronous = synchronous;
    }

    public Boolean getAdaptiveRateLimit() {
        return adaptiveRateLimit;
    }

    public void setAdaptiveRateLimit(Boolean adaptiveRateLimit) {
        this.adaptiveRateLimit = adaptiveRateLimit;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public java.time.Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(java.time.Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Integer getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    public void setMaxConcurrentRequests(Integer maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    public Integer getMaxQueuedRequests() {
        return maxQueuedRequests;
    }

    public void setMaxQueuedRequests(Integer maxQueuedRequests) {
        this.maxQueuedRequests = maxQueuedRequests;
    }

    public java.time.Duration getMaxRateLimitWait() {
        return maxRateLimitWait;
    }

    public void setMaxRateLimitWait(java.time.Duration maxRateLimitWait) {
        this.maxRateLimitWait = maxRateLimitWait;
    }

    public Double getMaxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    public void setMaxRequestsPerSecond(Double maxRequestsPerSecond) {
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    public Long getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(Long maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Boolean getMetricsEnabled() {
        return metricsEnabled;
    }

    public void setMetricsEnabled(Boolean metricsEnabled) {
        this.metricsEnabled = metricsEnabled;
    }

    public java.time.Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(java.time.Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public java.time.Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(java.time.Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public io.vertx.core.Vertx getVertx() {
        return vertx;
    }

    public void setVertx(io.vertx.core.Vertx vertx) {
        this.vertx = vertx;
    }

    public io.cameltogether.audio.client.request.BatchTask getJobOperation() {
        return jobOperation;
    }

    public void setJobOperation(io.cameltogether.audio.client.request.BatchTask jobOperation) {
        this.jobOperation = jobOperation;
    }

    public org.apache.camel.spi.StateRepository<String, String> getJobRepository() {
        return jobRepository;
    }

    public void setJobRepository(org.apache.camel.spi.StateRepository<String, String> jobRepository) {
        this.jobRepository = jobRepository;
    }

    public Long getMaxResultFileSize() {
        return maxResultFileSize;
    }

    public void setMaxResultFileSize(Long maxResultFileSize) {
        this.maxResultFileSize = maxResultFileSize;
    }

    public String getWorkDirectory() {
        return workDirectory;
    }

    public void setWorkDirectory(String workDirectory) {
        this.workDirectory = workDirectory;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyUsername() {
        return proxyUsername;
    }

    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
    }

    public Double getEagerEotThreshold() {
        return eagerEotThreshold;
    }

    public void setEagerEotThreshold(Double eagerEotThreshold) {
        this.eagerEotThreshold = eagerEotThreshold;
    }

    public Double getEotThreshold() {
        return eotThreshold;
    }

    public void setEotThreshold(Double eotThreshold) {
        this.eotThreshold = eotThreshold;
    }

    public Integer getEotTimeoutMs() {
        return eotTimeoutMs;
    }

    public void setEotTimeoutMs(Integer eotTimeoutMs) {
        this.eotTimeoutMs = eotTimeoutMs;
    }

    public String getFallbackModels() {
        return fallbackModels;
    }

    public void setFallbackModels(String fallbackModels) {
        this.fallbackModels = fallbackModels;
    }

    public Boolean getIncludeTurnEvents() {
        return includeTurnEvents;
    }

    public void setIncludeTurnEvents(Boolean includeTurnEvents) {
        this.includeTurnEvents = includeTurnEvents;
    }

    public io.cameltogether.audio.client.realtime.RealtimeAudioFormat getInputAudioFormat() {
        return inputAudioFormat;
    }

    public void setInputAudioFormat(io.cameltogether.audio.client.realtime.RealtimeAudioFormat inputAudioFormat) {
        this.inputAudioFormat = inputAudioFormat;
    }

    public Integer getMaxSessions() {
        return maxSessions;
    }

    public void setMaxSessions(Integer maxSessions) {
        this.maxSessions = maxSessions;
    }

    public Double getMaxSpeechDurationS() {
        return maxSpeechDurationS;
    }

    public void setMaxSpeechDurationS(Double maxSpeechDurationS) {
        this.maxSpeechDurationS = maxSpeechDurationS;
    }

    public Integer getMinSilenceDurationMs() {
        return minSilenceDurationMs;
    }

    public void setMinSilenceDurationMs(Integer minSilenceDurationMs) {
        this.minSilenceDurationMs = minSilenceDurationMs;
    }

    public Integer getMinSpeechDurationMs() {
        return minSpeechDurationMs;
    }

    public void setMinSpeechDurationMs(Integer minSpeechDurationMs) {
        this.minSpeechDurationMs = minSpeechDurationMs;
    }

    public io.cameltogether.audio.client.pcm.RawAudioEncoding getRawAudioEncoding() {
        return rawAudioEncoding;
    }

    public void setRawAudioEncoding(io.cameltogether.audio.client.pcm.RawAudioEncoding rawAudioEncoding) {
        this.rawAudioEncoding = rawAudioEncoding;
    }

    public java.time.Duration getSessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    public void setSessionIdleTimeout(java.time.Duration sessionIdleTimeout) {
        this.sessionIdleTimeout = sessionIdleTimeout;
    }

    public Integer getSpeechPadMs() {
        return speechPadMs;
    }

    public void setSpeechPadMs(Integer speechPadMs) {
        this.speechPadMs = speechPadMs;
    }

    public io.cameltogether.audio.client.realtime.TurnDetectionMode getTurnDetection() {
        return turnDetection;
    }

    public void setTurnDetection(io.cameltogether.audio.client.realtime.TurnDetectionMode turnDetection) {
        this.turnDetection = turnDetection;
    }

    public Double getVadThreshold() {
        return vadThreshold;
    }

    public void setVadThreshold(Double vadThreshold) {
        this.vadThreshold = vadThreshold;
    }

    public java.time.Duration getFinalTranscriptQuiet() {
        return finalTranscriptQuiet;
    }

    public void setFinalTranscriptQuiet(java.time.Duration finalTranscriptQuiet) {
        this.finalTranscriptQuiet = finalTranscriptQuiet;
    }

    public java.time.Duration getFinalTranscriptTimeout() {
        return finalTranscriptTimeout;
    }

    public void setFinalTranscriptTimeout(java.time.Duration finalTranscriptTimeout) {
        this.finalTranscriptTimeout = finalTranscriptTimeout;
    }

    public java.time.Duration getKeepAliveInterval() {
        return keepAliveInterval;
    }

    public void setKeepAliveInterval(java.time.Duration keepAliveInterval) {
        this.keepAliveInterval = keepAliveInterval;
    }

    public Integer getReconnectAttempts() {
        return reconnectAttempts;
    }

    public void setReconnectAttempts(Integer reconnectAttempts) {
        this.reconnectAttempts = reconnectAttempts;
    }

    public java.time.Duration getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(java.time.Duration reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public java.time.Duration getReconnectMaxTime() {
        return reconnectMaxTime;
    }

    public void setReconnectMaxTime(java.time.Duration reconnectMaxTime) {
        this.reconnectMaxTime = reconnectMaxTime;
    }

    public java.time.Duration getReplayBufferDuration() {
        return replayBufferDuration;
    }

    public void setReplayBufferDuration(java.time.Duration replayBufferDuration) {
        this.replayBufferDuration = replayBufferDuration;
    }

    public java.time.Duration getServerSilenceTimeout() {
        return serverSilenceTimeout;
    }

    public void setServerSilenceTimeout(java.time.Duration serverSilenceTimeout) {
        this.serverSilenceTimeout = serverSilenceTimeout;
    }

    public java.time.Duration getSessionCreatedTimeout() {
        return sessionCreatedTimeout;
    }

    public void setSessionCreatedTimeout(java.time.Duration sessionCreatedTimeout) {
        this.sessionCreatedTimeout = sessionCreatedTimeout;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public org.apache.camel.support.jsse.SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(org.apache.camel.support.jsse.SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public Boolean getUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    public void setUseGlobalSslContextParameters(Boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }
}
