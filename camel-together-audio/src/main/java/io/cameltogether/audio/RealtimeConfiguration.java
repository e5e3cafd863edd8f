package io.cameltogether.audio;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import io.cameltogether.audio.client.realtime.Pace;
import io.cameltogether.audio.client.pcm.RawAudioEncoding;
import io.cameltogether.audio.client.realtime.RealtimeAudioFormat;

/** The realtime options of the together-audio endpoints; {@link TogetherAudioConfiguration} holds the others. */
@UriParams
public class RealtimeConfiguration extends TurnDetectionConfiguration {

    @UriParam(label = "realtime", defaultValue = "pcm_s16le_16000",
              enums = "pcm_s16le_16000,pcm_s16le_8000,pcm_s16le_24000")
    private RealtimeAudioFormat inputAudioFormat = RealtimeAudioFormat.PCM_S16LE_16000;
    @UriParam(label = "realtime")
    private String fallbackModels;
    @UriParam(label = "realtime", defaultValue = "session", enums = "session,g711_ulaw_8000,g711_alaw_8000")
    private RawAudioEncoding rawAudioEncoding = RawAudioEncoding.SESSION;
    @UriParam(label = "realtime,consumer")
    private boolean includeDeltas;
    @UriParam(label = "consumer,realtime")
    private boolean includeTurnEvents;
    @UriParam(label = "realtime,consumer")
    private boolean includeSessionEvents;
    @UriParam(label = "realtime,consumer", defaultValue = "8")
    private int concurrentConsumers = 8;
    @UriParam(label = "realtime,producer", defaultValue = "realtime", enums = "realtime,fast")
    private Pace pace = Pace.REALTIME;
    @UriParam(label = "realtime,producer", defaultValue = "100")
    private int chunkDurationMs = 100;
    @UriParam(label = "realtime", defaultValue = "60000", javaType = "java.time.Duration")
    private long sessionIdleTimeout = 60_000;
    @UriParam(label = "realtime", defaultValue = "1000")
    private int maxSessions = 1000;
    @UriParam(label = "realtime,advanced", defaultValue = "10000", javaType = "java.time.Duration")
    private long sessionCreatedTimeout = 10_000;
    @UriParam(label = "realtime,advanced", defaultValue = "30000", javaType = "java.time.Duration")
    private long serverSilenceTimeout = 30_000;
    @UriParam(label = "realtime,advanced", defaultValue = "5")
    private int reconnectAttempts = 5;
    @UriParam(label = "realtime,advanced", defaultValue = "60000", javaType = "java.time.Duration")
    private long reconnectMaxTime = 60_000;
    @UriParam(label = "realtime,advanced", defaultValue = "500", javaType = "java.time.Duration")
    private long reconnectDelay = 500;
    @UriParam(label = "realtime,advanced", defaultValue = "10000", javaType = "java.time.Duration")
    private long replayBufferDuration = 10_000;
    @UriParam(label = "realtime,advanced", defaultValue = "200000", javaType = "java.time.Duration")
    private long keepAliveInterval = 200_000;
    @UriParam(label = "realtime,advanced", defaultValue = "1000", javaType = "java.time.Duration")
    private long finalTranscriptQuiet = 1000;
    @UriParam(label = "realtime,advanced", defaultValue = "120000", javaType = "java.time.Duration")
    private long finalTranscriptTimeout = 120_000;

    public RealtimeAudioFormat getInputAudioFormat() {
        return inputAudioFormat;
    }

    /**
     * Realtime: the PCM format the session receives: 16-bit little-endian mono at 16, 8 or 24 kHz. WAV bodies of any
     * rate, channel count and depth are converted to it.
     */
    public void setInputAudioFormat(RealtimeAudioFormat inputAudioFormat) {
        this.inputAudioFormat = inputAudioFormat;
    }

    public String getFallbackModels() {
        return fallbackModels;
    }

    /**
     * Realtime: models to fail over to, in turn, comma-separated, when the endpoint says it cannot serve the current
     * one (no_healthy_upstream); the session reconnects at once with the next and replays its audio. Without them
     * such a session fails.
     */
    public void setFallbackModels(String fallbackModels) {
        this.fallbackModels = fallbackModels;
    }

    public RawAudioEncoding getRawAudioEncoding() {
        return rawAudioEncoding;
    }

    /**
     * Realtime: what raw audio bodies (bytes or streams that are not a WAV) hold: `session` for PCM in
     * inputAudioFormat, sent as it is; `g711_ulaw_8000` or `g711_alaw_8000` for telephone audio, expanded to
     * inputAudioFormat by the standard G.711 tables. WAV bodies say their own format and are converted whatever this
     * says.
     */
    public void setRawAudioEncoding(RawAudioEncoding rawAudioEncoding) {
        this.rawAudioEncoding = rawAudioEncoding;
    }

    public boolean isIncludeDeltas() {
        return includeDeltas;
    }

    /**
     * Realtime consumer: also emit partial transcripts while a turn is in progress (header CamelTogetherAudioFinal
     * false). Each partial replaces the previous one of the same turn.
     */
    public void setIncludeDeltas(boolean includeDeltas) {
        this.includeDeltas = includeDeltas;
    }

    public boolean isIncludeTurnEvents() {
        return includeTurnEvents;
    }

    /**
     * Realtime consumer: also emit the turn-taking events some models send (Deepgram's: start_of_turn,
     * end_of_turn, eager_end_of_turn, turn_resumed), the body the turn's text so far if the server sent it, the
     * server event type in CamelTogetherAudioEventType and CamelTogetherAudioFinal false.
     */
    public void setIncludeTurnEvents(boolean includeTurnEvents) {
        this.includeTurnEvents = includeTurnEvents;
    }

    public boolean isIncludeSessionEvents() {
        return includeSessionEvents;
    }

    /**
     * Realtime consumer: also emit the sessions' connection events, the body a SessionEvent and the header
     * CamelTogetherAudioEventType one of session.opened, session.reconnecting, session.reconnected (with the audio
     * replayed), session.audio_gap (speech that could not be replayed after a drop) and session.closed.
     */
    public void setIncludeSessionEvents(boolean includeSessionEvents) {
        this.includeSessionEvents = includeSessionEvents;
    }

    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    /**
     * Realtime consumer: threads that route transcripts. Each session's transcripts and events go through the route
     * in order; different sessions go side by side, so a slow step for one call does not hold up the others.
     */
    public void setConcurrentConsumers(int concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public Pace getPace() {
        return pace;
    }

    /**
     * Realtime producer: send file and stream audio at real-time speed, as a live source would (realtime), or as
     * fast as the session takes it (fast). With fast, the sender waits while more than replayBufferDuration of audio
     * has no final transcript yet, so a reconnect can replay all of it.
     */
    public void setPace(Pace pace) {
        this.pace = pace;
    }

    public int getChunkDurationMs() {
        return chunkDurationMs;
    }

    /**
     * Realtime producer: milliseconds of audio per append when streaming files and streams (at most 1000).
     */
    public void setChunkDurationMs(int chunkDurationMs) {
        this.chunkDurationMs = chunkDurationMs;
    }

    public long getSessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    /**
     * Realtime: a session without audio or commands for this long is closed (its last turn committed first).
     */
    public void setSessionIdleTimeout(long sessionIdleTimeout) {
        this.sessionIdleTimeout = sessionIdleTimeout;
    }

    public int getMaxSessions() {
        return maxSessions;
    }

    /**
     * Realtime: sessions open at once on this endpoint (one WebSocket each); audio for one more session fails with a
     * clear error rather than waiting for a connection.
     */
    public void setMaxSessions(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    public long getSessionCreatedTimeout() {
        return sessionCreatedTimeout;
    }

    /**
     * Realtime: how long to wait for session.created after connecting before trying again.
     */
    public void setSessionCreatedTimeout(long sessionCreatedTimeout) {
        this.sessionCreatedTimeout = sessionCreatedTimeout;
    }

    public long getServerSilenceTimeout() {
        return serverSilenceTimeout;
    }

    /**
     * Realtime: no event from the server for this long while audio flows (and no answer to a probe) means the
     * connection is dead, and the session reconnects.
     */
    public void setServerSilenceTimeout(long serverSilenceTimeout) {
        this.serverSilenceTimeout = serverSilenceTimeout;
    }

    public int getReconnectAttempts() {
        return reconnectAttempts;
    }

    /**
     * Realtime: reconnections tried in a row (after drops, 4503 closes, handshake 429/5xx) before the session fails.
     */
    public void setReconnectAttempts(int reconnectAttempts) {
        this.reconnectAttempts = reconnectAttempts;
    }

    public long getReconnectMaxTime() {
        return reconnectMaxTime;
    }

    /**
     * Realtime: the longest a run of reconnections may take before the session fails.
     */
    public void setReconnectMaxTime(long reconnectMaxTime) {
        this.reconnectMaxTime = reconnectMaxTime;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    /**
     * Realtime: first delay before reconnecting; doubled per attempt up to 15 seconds, with jitter.
     */
    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public long getReplayBufferDuration() {
        return replayBufferDuration;
    }

    /**
     * Realtime: audio kept until a final transcript covers it, and re-sent after a reconnect so no speech is lost.
     */
    public void setReplayBufferDuration(long replayBufferDuration) {
        this.replayBufferDuration = replayBufferDuration;
    }

    public long getKeepAliveInterval() {
        return keepAliveInterval;
    }

    /**
     * Realtime: after this long without audio, the session sends 100 ms of silence so that the server (which closes
     * after 300 s without audio) keeps it open.
     */
    public void setKeepAliveInterval(long keepAliveInterval) {
        this.keepAliveInterval = keepAliveInterval;
    }

    public long getFinalTranscriptQuiet() {
        return finalTranscriptQuiet;
    }

    /**
     * Realtime: after a commit, the transcript counts as final once the server has sent nothing for this long.
     */
    public void setFinalTranscriptQuiet(long finalTranscriptQuiet) {
        this.finalTranscriptQuiet = finalTranscriptQuiet;
    }

    public long getFinalTranscriptTimeout() {
        return finalTranscriptTimeout;
    }

    /**
     * Realtime producer, InOut: the longest to wait for the final transcript after the audio is sent.
     */
    public void setFinalTranscriptTimeout(long finalTranscriptTimeout) {
        this.finalTranscriptTimeout = finalTranscriptTimeout;
    }
}
