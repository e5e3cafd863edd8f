package io.cameltogether.audio.dsl;

/**
 * A together-audio endpoint, typed, in the style of Camel's Endpoint DSL:
 * {@code to(togetherAudio("transcribe").model("openai/whisper-large-v3").diarize(true))}. One method per
 * endpoint option of the catalog except secrets: a builder renders into an endpoint URI, and the key
 * belongs on the component. Generated from the catalog by build-tools/OptionMirrors.java: do not edit.
 */
public final class TogetherAudioEndpointBuilder extends EndpointBuilderSupport<TogetherAudioEndpointBuilder> {

    TogetherAudioEndpointBuilder(String operation) {
        super(operation);
    }

    /**
     * Base URL of the Together API. Point it at the together-audio emulator for offline tests. https only, or http to a
     * loopback host: the API key must not cross the network in clear.
     */
    public TogetherAudioEndpointBuilder baseUrl(String value) {
        return set("baseUrl", value);
    }

    /**
     * ISO 639-1 language code. For transcribe, the spoken language (unset: auto-detect); for translate, the target
     * language (unset: English).
     */
    public TogetherAudioEndpointBuilder language(String value) {
        return set("language", value);
    }

    /**
     * The speech-to-text model, e.g. openai/whisper-large-v3 or nvidia/parakeet-tdt-0.6b-v3. Any model name the API
     * knows is accepted.
     */
    public TogetherAudioEndpointBuilder model(String value) {
        return set("model", value);
    }

    /**
     * Text that biases the decoding, e.g. names and terms the audio contains. Only Whisper models honour it.
     */
    public TogetherAudioEndpointBuilder prompt(String value) {
        return set("prompt", value);
    }

    /**
     * Realtime consumer: threads that route transcripts. Each session's transcripts and events go through the route in
     * order; different sessions go side by side, so a slow step for one call does not hold up the others.
     */
    public TogetherAudioEndpointBuilder concurrentConsumers(int value) {
        return set("concurrentConsumers", value);
    }

    /**
     * batchJob consumer: a recording without a transcript is routed as a message with no body and the
     * CamelTogetherAudioRecordingError header, instead of going to the consumer's exception handler (logged, or the
     * route's error handler with bridgeErrorHandler=true).
     */
    public TogetherAudioEndpointBuilder failuresAsHeader(boolean value) {
        return set("failuresAsHeader", value);
    }

    /**
     * Realtime consumer: also emit partial transcripts while a turn is in progress (header CamelTogetherAudioFinal
     * false). Each partial replaces the previous one of the same turn.
     */
    public TogetherAudioEndpointBuilder includeDeltas(boolean value) {
        return set("includeDeltas", value);
    }

    /**
     * Realtime consumer: also emit the sessions' connection events, the body a SessionEvent and the header
     * CamelTogetherAudioEventType one of session.opened, session.reconnecting, session.reconnected (with the audio
     * replayed), session.audio_gap (speech that could not be replayed after a drop) and session.closed.
     */
    public TogetherAudioEndpointBuilder includeSessionEvents(boolean value) {
        return set("includeSessionEvents", value);
    }

    /**
     * batchJob consumer: ids of jobs submitted elsewhere (comma-separated) whose results this consumer delivers, as it
     * does those of the jobs this application submitted.
     */
    public TogetherAudioEndpointBuilder jobIds(String value) {
        return set("jobIds", value);
    }

    /**
     * If the polling consumer did not poll any files, you can enable this option to send an empty message (no body)
     * instead.
     */
    public TogetherAudioEndpointBuilder sendEmptyMessageWhenIdle(boolean value) {
        return set("sendEmptyMessageWhenIdle", value);
    }

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
    public TogetherAudioEndpointBuilder bridgeErrorHandler(boolean value) {
        return set("bridgeErrorHandler", value);
    }

    /**
     * To let the consumer use a custom ExceptionHandler. Notice if the option bridgeErrorHandler is enabled then this
     * option is not in use. By default the consumer will deal with exceptions, that will be logged at WARN or ERROR
     * level and ignored.
     */
    public TogetherAudioEndpointBuilder exceptionHandler(org.apache.camel.spi.ExceptionHandler value) {
        return set("exceptionHandler", value);
    }

    /**
     * Sets the exchange pattern when the consumer creates an exchange.
     */
    public TogetherAudioEndpointBuilder exchangePattern(org.apache.camel.ExchangePattern value) {
        return set("exchangePattern", value);
    }

    /**
     * A pluggable org.apache.camel.PollingConsumerPollingStrategy allowing you to provide your custom implementation to
     * control error handling usually occurred during the poll operation before an Exchange have been created and being
     * routed in Camel.
     */
    public TogetherAudioEndpointBuilder pollStrategy(org.apache.camel.spi.PollingConsumerPollStrategy value) {
        return set("pollStrategy", value);
    }

    /**
     * With channels=separate, the channels' names, first channel first, comma-separated (e.g. agent,customer): they
     * label the turns (agent: ...), words and subtitle cues. Unset, the channels are named channel1, channel2...
     */
    public TogetherAudioEndpointBuilder channelNames(String value) {
        return set("channelNames", value);
    }

    /**
     * How a recording with several channels (a call recorded with the agent on one channel, the customer on the other)
     * is transcribed: mixed sends it as it is, and the API mixes the channels; separate sends each channel of a WAV
     * (PCM, float, G.711) as a mono request of its own, side by side, and merges the answers into one transcript on the
     * recording's clock whose turns, words and subtitles name their channel (channelNames). A channel that stays silent
     * is not sent. One request per channel that holds sound.
     */
    public TogetherAudioEndpointBuilder channels(io.cameltogether.audio.client.request.ChannelMode value) {
        return set("channels", value);
    }

    /**
     * Realtime producer: milliseconds of audio per append when streaming files and streams (at most 1000).
     */
    public TogetherAudioEndpointBuilder chunkDurationMs(int value) {
        return set("chunkDurationMs", value);
    }

    /**
     * Whether to identify speakers (transcribe only): words and speaker segments carry SPEAKER_00, SPEAKER_01, ...
     */
    public TogetherAudioEndpointBuilder diarize(boolean value) {
        return set("diarize", value);
    }

    /**
     * Longest audio the API takes in one request (4 hours). A longer WAV, MP3 or FLAC is split into parts under it, cut
     * in pauses, sent side by side and stitched into one transcript; longer audio of other formats is refused before
     * sending when its container says how long it is.
     */
    public TogetherAudioEndpointBuilder maxAudioDuration(java.time.Duration value) {
        return set("maxAudioDuration", value.toMillis() + "ms");
    }

    /**
     * Most speakers expected, to improve diarization when known.
     */
    public TogetherAudioEndpointBuilder maxSpeakers(Integer value) {
        return set("maxSpeakers", value);
    }

    /**
     * Largest audio upload in bytes. A larger WAV, MP3 or FLAC is split into parts under it, cut in pauses; other
     * larger audio fails before sending. The API refuses direct uploads over 80 MB (413 request_too_large), so the
     * default is 80,000,000 bytes and a larger value only moves the refusal to the API; send larger files of other
     * formats as an https URL (the API fetches up to 1 GB) or convert them.
     */
    public TogetherAudioEndpointBuilder maxUploadSize(long value) {
        return set("maxUploadSize", value);
    }

    /**
     * Fewest speakers expected, to improve diarization when known.
     */
    public TogetherAudioEndpointBuilder minSpeakers(Integer value) {
        return set("minSpeakers", value);
    }

    /**
     * The message body produced: text (the transcript as a String), result (a typed TranscriptionResult), json (the
     * API's JSON as a String), srt or vtt (subtitles as a String).
     */
    public TogetherAudioEndpointBuilder outputFormat(io.cameltogether.audio.client.request.OutputFormat value) {
        return set("outputFormat", value);
    }

    /**
     * Realtime producer: send file and stream audio at real-time speed, as a live source would (realtime), or as fast
     * as the session takes it (fast). With fast, the sender waits while more than replayBufferDuration of audio has no
     * final transcript yet, so a reconnect can replay all of it.
     */
    public TogetherAudioEndpointBuilder pace(io.cameltogether.audio.client.realtime.Pace value) {
        return set("pace", value);
    }

    /**
     * Split a WAV, MP3 or FLAC longer than this into parts of at most this length, cut in pauses, sent side by side (up
     * to maxConcurrentRequests at once) and stitched into one transcript: a long recording is transcribed in about the
     * time of its longest part. 0 splits only what maxAudioDuration or maxUploadSize require.
     */
    public TogetherAudioEndpointBuilder partDuration(java.time.Duration value) {
        return set("partDuration", value.toMillis() + "ms");
    }

    /**
     * Response format asked of the API. Unset, the component asks for what the output needs: verbose_json for result,
     * srt, vtt, diarization and timestamps, json otherwise.
     */
    public TogetherAudioEndpointBuilder responseFormat(io.cameltogether.audio.client.request.ResponseFormat value) {
        return set("responseFormat", value);
    }

    /**
     * Sampling temperature between 0 and 1; 0 is the most deterministic. Unset, the API's default (0) applies.
     */
    public TogetherAudioEndpointBuilder temperature(Double value) {
        return set("temperature", value);
    }

    /**
     * Timestamp detail in verbose_json: segment, word, or segment,word. Word timestamps give tighter subtitles.
     */
    public TogetherAudioEndpointBuilder timestampGranularities(String value) {
        return set("timestampGranularities", value);
    }

    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed then
     * creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    public TogetherAudioEndpointBuilder lazyStartProducer(boolean value) {
        return set("lazyStartProducer", value);
    }

    /**
     * Batch only: send on the route's thread, which waits for the answer (and for one of the maxConcurrentRequests
     * slots), instead of handing the message to the endpoint's request threads. Saves two thread hand-offs per message;
     * for routes that bring their own concurrency (threads(n), concurrent consumers, a ProducerTemplate called from
     * many threads). Retries and the parts of a split recording still run on the request threads.
     */
    public TogetherAudioEndpointBuilder synchronous(boolean value) {
        return set("synchronous", value);
    }

    /**
     * Pace requests at the rate the API admits: the x-ratelimit-limit it sends on each answer, cut on each 429 and
     * regained on success, shared by all endpoints of one API key and model, so that a backlog drains steadily at the
     * limit instead of in bursts the API refuses. A 429 makes the request wait its turn again (see maxRateLimitWait)
     * instead of using up a retry. false sends as fast as maxConcurrentRequests allow (and at most
     * maxRequestsPerSecond).
     */
    public TogetherAudioEndpointBuilder adaptiveRateLimit(boolean value) {
        return set("adaptiveRateLimit", value);
    }

    /**
     * Time allowed to open a connection to the API.
     */
    public TogetherAudioEndpointBuilder connectTimeout(java.time.Duration value) {
        return set("connectTimeout", value.toMillis() + "ms");
    }

    /**
     * Requests in flight at once per endpoint; also the size of its connection pool. Further messages wait their turn
     * (see maxQueuedRequests).
     */
    public TogetherAudioEndpointBuilder maxConcurrentRequests(int value) {
        return set("maxConcurrentRequests", value);
    }

    /**
     * Messages per endpoint that may wait for a free request slot beyond maxConcurrentRequests; they hold a reference
     * to their body and no thread. When that many wait, the thread handing over the next message waits for room:
     * back-pressure on the route's consumer (a file or Kafka consumer polls no further), never a refusal.
     */
    public TogetherAudioEndpointBuilder maxQueuedRequests(int value) {
        return set("maxQueuedRequests", value);
    }

    /**
     * How long one request may keep being answered 429 (rate limited) before it fails with the API's error. Those
     * answers do not count against maxRetries.
     */
    public TogetherAudioEndpointBuilder maxRateLimitWait(java.time.Duration value) {
        return set("maxRateLimitWait", value.toMillis() + "ms");
    }

    /**
     * The most requests sent per second to one model with one API key, by all the endpoints that share this setting; 0
     * for no ceiling other than the API's. Fractions are allowed (0.5 is one every two seconds).
     */
    public TogetherAudioEndpointBuilder maxRequestsPerSecond(double value) {
        return set("maxRequestsPerSecond", value);
    }

    /**
     * Bytes of an answer read at most. A larger answer fails the message with an error naming this option, and is not
     * requested again; 16 MB holds the verbose transcript of the longest audio the API takes.
     */
    public TogetherAudioEndpointBuilder maxResponseSize(long value) {
        return set("maxResponseSize", value);
    }

    /**
     * How many times a request is retried after a transient failure (408, 409, 5xx, a dropped connection, an answer cut
     * off), with exponential backoff that honours Retry-After. 0 disables retries. A 429 is waited out instead (see
     * maxRateLimitWait).
     */
    public TogetherAudioEndpointBuilder maxRetries(int value) {
        return set("maxRetries", value);
    }

    /**
     * Time allowed for the API to answer once the audio is sent; long audio takes long to transcribe.
     */
    public TogetherAudioEndpointBuilder requestTimeout(java.time.Duration value) {
        return set("requestTimeout", value.toMillis() + "ms");
    }

    /**
     * First backoff delay; each further retry doubles it, up to 8 seconds, with jitter.
     */
    public TogetherAudioEndpointBuilder retryDelay(java.time.Duration value) {
        return set("retryDelay", value.toMillis() + "ms");
    }

    /**
     * batchJob: the endpoint a job's recordings go to, transcribe or translate, with this endpoint's options (model,
     * language, prompt, response format, timestamp granularities, diarization...).
     */
    public TogetherAudioEndpointBuilder jobOperation(io.cameltogether.audio.client.request.BatchTask value) {
        return set("jobOperation", value);
    }

    /**
     * batchJob: where the ids of submitted jobs are kept until all their recordings are delivered, with how many of
     * each job's recordings were delivered, so that a restart polls them again instead of submitting again, and
     * delivers only the recordings not yet delivered: e.g. a FileStateRepository, or any StateRepository of your own (a
     * table, a compacted topic). The producer and the consumer must share the same bean. Unset, the component keeps
     * them in memory, shared by its batchJob endpoints (lost on restart).
     */
    public TogetherAudioEndpointBuilder jobRepository(org.apache.camel.spi.StateRepository<String, String> value) {
        return set("jobRepository", value);
    }

    /**
     * batchJob consumer: the largest result file (bytes) downloaded; a larger one is refused as it comes, and the job's
     * recordings not yet delivered fail, saying so.
     */
    public TogetherAudioEndpointBuilder maxResultFileSize(long value) {
        return set("maxResultFileSize", value);
    }

    /**
     * batchJob: the directory where a job's input file is written before upload and its result files are downloaded
     * before delivery (deleted after). Unset, the JVM's temporary directory.
     */
    public TogetherAudioEndpointBuilder workDirectory(String value) {
        return set("workDirectory", value);
    }

    /**
     * HTTP forward proxy for batch requests and realtime sessions alike. Unset: the JVM's https.proxyHost (or
     * http.proxyHost for an http base URL) and http.nonProxyHosts apply; an option set here wins over them.
     */
    public TogetherAudioEndpointBuilder proxyHost(String value) {
        return set("proxyHost", value);
    }

    /**
     * Port of the proxyHost.
     */
    public TogetherAudioEndpointBuilder proxyPort(Integer value) {
        return set("proxyPort", value);
    }

    /**
     * User for the proxy's Basic authentication; sent to the proxy only, never to the API.
     */
    public TogetherAudioEndpointBuilder proxyUsername(String value) {
        return set("proxyUsername", value);
    }

    /**
     * Realtime, Deepgram models: the confidence, 0 to 1, at which the model sends an eager_end_of_turn event before it
     * is sure (sent as eager_eot_threshold in turn_detection; see includeTurnEvents).
     */
    public TogetherAudioEndpointBuilder eagerEotThreshold(Double value) {
        return set("eagerEotThreshold", value);
    }

    /**
     * Realtime, Deepgram models: how sure the model must be that a turn ended before it ends it, 0 to 1 (sent as
     * eot_threshold in turn_detection).
     */
    public TogetherAudioEndpointBuilder eotThreshold(Double value) {
        return set("eotThreshold", value);
    }

    /**
     * Realtime, Deepgram models: a turn ends after this many milliseconds of silence, however unsure the model is (sent
     * as eot_timeout_ms in turn_detection).
     */
    public TogetherAudioEndpointBuilder eotTimeoutMs(Integer value) {
        return set("eotTimeoutMs", value);
    }

    /**
     * Realtime: models to fail over to, in turn, comma-separated, when the endpoint says it cannot serve the current
     * one (no_healthy_upstream); the session reconnects at once with the next and replays its audio. Without them such
     * a session fails.
     */
    public TogetherAudioEndpointBuilder fallbackModels(String value) {
        return set("fallbackModels", value);
    }

    /**
     * Realtime consumer: also emit the turn-taking events some models send (Deepgram's: start_of_turn, end_of_turn,
     * eager_end_of_turn, turn_resumed), the body the turn's text so far if the server sent it, the server event type in
     * CamelTogetherAudioEventType and CamelTogetherAudioFinal false.
     */
    public TogetherAudioEndpointBuilder includeTurnEvents(boolean value) {
        return set("includeTurnEvents", value);
    }

    /**
     * Realtime: the PCM format the session receives: 16-bit little-endian mono at 16, 8 or 24 kHz. WAV bodies of any
     * rate, channel count and depth are converted to it.
     */
    public TogetherAudioEndpointBuilder inputAudioFormat(io.cameltogether.audio.client.realtime.RealtimeAudioFormat value) {
        return set("inputAudioFormat", value);
    }

    /**
     * Realtime: sessions open at once on this endpoint (one WebSocket each); audio for one more session fails with a
     * clear error rather than waiting for a connection.
     */
    public TogetherAudioEndpointBuilder maxSessions(int value) {
        return set("maxSessions", value);
    }

    /**
     * Realtime: longest turn in seconds before the server cuts it (server default 5).
     */
    public TogetherAudioEndpointBuilder maxSpeechDurationS(Double value) {
        return set("maxSpeechDurationS", value);
    }

    /**
     * Realtime: silence that ends a turn, in milliseconds (server default 500).
     */
    public TogetherAudioEndpointBuilder minSilenceDurationMs(Integer value) {
        return set("minSilenceDurationMs", value);
    }

    /**
     * Realtime: speech needed to start a turn, in milliseconds (server default 250).
     */
    public TogetherAudioEndpointBuilder minSpeechDurationMs(Integer value) {
        return set("minSpeechDurationMs", value);
    }

    /**
     * Realtime: what raw audio bodies (bytes or streams that are not a WAV) hold: session for PCM in inputAudioFormat,
     * sent as it is; g711_ulaw_8000 or g711_alaw_8000 for telephone audio, expanded to inputAudioFormat by the standard
     * G.711 tables. WAV bodies say their own format and are converted whatever this says.
     */
    public TogetherAudioEndpointBuilder rawAudioEncoding(io.cameltogether.audio.client.pcm.RawAudioEncoding value) {
        return set("rawAudioEncoding", value);
    }

    /**
     * Realtime: a session without audio or commands for this long is closed (its last turn committed first).
     */
    public TogetherAudioEndpointBuilder sessionIdleTimeout(java.time.Duration value) {
        return set("sessionIdleTimeout", value.toMillis() + "ms");
    }

    /**
     * Realtime: audio kept on each side of a turn, in milliseconds (server default 250).
     */
    public TogetherAudioEndpointBuilder speechPadMs(Integer value) {
        return set("speechPadMs", value);
    }

    /**
     * Realtime: server_vad lets the server find speech turns; none means a turn ends only when the route sends the
     * commit action.
     */
    public TogetherAudioEndpointBuilder turnDetection(io.cameltogether.audio.client.realtime.TurnDetectionMode value) {
        return set("turnDetection", value);
    }

    /**
     * Realtime: voice activity threshold, 0 to 1 (server default 0.3; about 0.01 suits phone audio).
     */
    public TogetherAudioEndpointBuilder vadThreshold(Double value) {
        return set("vadThreshold", value);
    }

    /**
     * Realtime: after a commit, the transcript counts as final once the server has sent nothing for this long.
     */
    public TogetherAudioEndpointBuilder finalTranscriptQuiet(java.time.Duration value) {
        return set("finalTranscriptQuiet", value.toMillis() + "ms");
    }

    /**
     * Realtime producer, InOut: the longest to wait for the final transcript after the audio is sent.
     */
    public TogetherAudioEndpointBuilder finalTranscriptTimeout(java.time.Duration value) {
        return set("finalTranscriptTimeout", value.toMillis() + "ms");
    }

    /**
     * Realtime: after this long without audio, the session sends 100 ms of silence so that the server (which closes
     * after 300 s without audio) keeps it open.
     */
    public TogetherAudioEndpointBuilder keepAliveInterval(java.time.Duration value) {
        return set("keepAliveInterval", value.toMillis() + "ms");
    }

    /**
     * Realtime: reconnections tried in a row (after drops, 4503 closes, handshake 429/5xx) before the session fails.
     */
    public TogetherAudioEndpointBuilder reconnectAttempts(int value) {
        return set("reconnectAttempts", value);
    }

    /**
     * Realtime: first delay before reconnecting; doubled per attempt up to 15 seconds, with jitter.
     */
    public TogetherAudioEndpointBuilder reconnectDelay(java.time.Duration value) {
        return set("reconnectDelay", value.toMillis() + "ms");
    }

    /**
     * Realtime: the longest a run of reconnections may take before the session fails.
     */
    public TogetherAudioEndpointBuilder reconnectMaxTime(java.time.Duration value) {
        return set("reconnectMaxTime", value.toMillis() + "ms");
    }

    /**
     * Realtime: audio kept until a final transcript covers it, and re-sent after a reconnect so no speech is lost.
     */
    public TogetherAudioEndpointBuilder replayBufferDuration(java.time.Duration value) {
        return set("replayBufferDuration", value.toMillis() + "ms");
    }

    /**
     * Realtime: no event from the server for this long while audio flows (and no answer to a probe) means the
     * connection is dead, and the session reconnects.
     */
    public TogetherAudioEndpointBuilder serverSilenceTimeout(java.time.Duration value) {
        return set("serverSilenceTimeout", value.toMillis() + "ms");
    }

    /**
     * Realtime: how long to wait for session.created after connecting before trying again.
     */
    public TogetherAudioEndpointBuilder sessionCreatedTimeout(java.time.Duration value) {
        return set("sessionCreatedTimeout", value.toMillis() + "ms");
    }

    /**
     * The number of subsequent error polls (failed due some error) that should happen before the backoffMultipler
     * should kick-in.
     */
    public TogetherAudioEndpointBuilder backoffErrorThreshold(int value) {
        return set("backoffErrorThreshold", value);
    }

    /**
     * The number of subsequent idle polls that should happen before the backoffMultipler should kick-in.
     */
    public TogetherAudioEndpointBuilder backoffIdleThreshold(int value) {
        return set("backoffIdleThreshold", value);
    }

    /**
     * To let the scheduled polling consumer backoff if there has been a number of subsequent idles/errors in a row. The
     * multiplier is then the number of polls that will be skipped before the next actual attempt is happening again.
     * When this option is in use then backoffIdleThreshold and/or backoffErrorThreshold must also be configured.
     */
    public TogetherAudioEndpointBuilder backoffMultiplier(int value) {
        return set("backoffMultiplier", value);
    }

    /**
     * Milliseconds before the next poll.
     */
    public TogetherAudioEndpointBuilder delay(long value) {
        return set("delay", value);
    }

    /**
     * If greedy is enabled, then the ScheduledPollConsumer will run immediately again, if the previous run polled 1 or
     * more messages.
     */
    public TogetherAudioEndpointBuilder greedy(boolean value) {
        return set("greedy", value);
    }

    /**
     * Milliseconds before the first poll starts.
     */
    public TogetherAudioEndpointBuilder initialDelay(long value) {
        return set("initialDelay", value);
    }

    /**
     * Specifies a maximum limit of number of fires. So if you set it to 1, the scheduler will only fire once. If you
     * set it to 5, it will only fire five times. A value of zero or negative means fire forever.
     */
    public TogetherAudioEndpointBuilder repeatCount(long value) {
        return set("repeatCount", value);
    }

    /**
     * The consumer logs a start/complete log line when it polls. This option allows you to configure the logging level
     * for that.
     */
    public TogetherAudioEndpointBuilder runLoggingLevel(org.apache.camel.LoggingLevel value) {
        return set("runLoggingLevel", value);
    }

    /**
     * Allows for configuring a custom/shared thread pool to use for the consumer. By default each consumer has its own
     * single threaded thread pool.
     */
    public TogetherAudioEndpointBuilder scheduledExecutorService(java.util.concurrent.ScheduledExecutorService value) {
        return set("scheduledExecutorService", value);
    }

    /**
     * To use a cron scheduler from either camel-spring or camel-quartz component. Use value spring or quartz for built
     * in scheduler
     */
    public TogetherAudioEndpointBuilder scheduler(Object value) {
        return set("scheduler", value);
    }

    /**
     * To configure additional properties when using a custom scheduler or any of the Quartz, Spring based scheduler.
     * This is a multi-value option with prefix: scheduler.
     */
    public TogetherAudioEndpointBuilder schedulerProperties(java.util.Map<String, Object> value) {
        return set("schedulerProperties", value);
    }

    /**
     * Whether the scheduler should be auto started.
     */
    public TogetherAudioEndpointBuilder startScheduler(boolean value) {
        return set("startScheduler", value);
    }

    /**
     * Time unit for initialDelay and delay options.
     */
    public TogetherAudioEndpointBuilder timeUnit(java.util.concurrent.TimeUnit value) {
        return set("timeUnit", value);
    }

    /**
     * Controls if fixed delay or fixed rate is used. See ScheduledExecutorService in JDK for details.
     */
    public TogetherAudioEndpointBuilder useFixedDelay(boolean value) {
        return set("useFixedDelay", value);
    }

    /**
     * TLS key and trust material, e.g. a truststore with the CA of a TLS-inspecting proxy. Unset: the component's
     * global parameters if useGlobalSslContextParameters, else the JVM's (javax.net.ssl. system properties).
     * Certificates and host names are always verified.
     */
    public TogetherAudioEndpointBuilder sslContextParameters(org.apache.camel.support.jsse.SSLContextParameters value) {
        return set("sslContextParameters", value);
    }
}
