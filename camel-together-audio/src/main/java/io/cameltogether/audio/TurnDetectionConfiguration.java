package io.cameltogether.audio;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import io.cameltogether.audio.client.realtime.TurnDetectionMode;

/** How a realtime session's turns are detected: the server's voice activity detection and its parameters. */
@UriParams
public class TurnDetectionConfiguration extends BatchJobConfiguration {

    @UriParam(label = "realtime", defaultValue = "server_vad", enums = "server_vad,none")
    private TurnDetectionMode turnDetection = TurnDetectionMode.SERVER_VAD;
    @UriParam(label = "realtime")
    private Double vadThreshold;
    @UriParam(label = "realtime")
    private Integer minSilenceDurationMs;
    @UriParam(label = "realtime")
    private Integer minSpeechDurationMs;
    @UriParam(label = "realtime")
    private Double maxSpeechDurationS;
    @UriParam(label = "realtime")
    private Integer speechPadMs;
    @UriParam(label = "realtime")
    private Double eotThreshold;
    @UriParam(label = "realtime")
    private Integer eotTimeoutMs;
    @UriParam(label = "realtime")
    private Double eagerEotThreshold;

    public TurnDetectionMode getTurnDetection() {
        return turnDetection;
    }

    /**
     * Realtime: server_vad lets the server find speech turns; none means a turn ends only when the route sends the
     * commit action.
     */
    public void setTurnDetection(TurnDetectionMode turnDetection) {
        this.turnDetection = turnDetection;
    }

    public Double getVadThreshold() {
        return vadThreshold;
    }

    /**
     * Realtime: voice activity threshold, 0 to 1 (server default 0.3; about 0.01 suits phone audio).
     */
    public void setVadThreshold(Double vadThreshold) {
        this.vadThreshold = vadThreshold;
    }

    public Integer getMinSilenceDurationMs() {
        return minSilenceDurationMs;
    }

    /**
     * Realtime: silence that ends a turn, in milliseconds (server default 500).
     */
    public void setMinSilenceDurationMs(Integer minSilenceDurationMs) {
        this.minSilenceDurationMs = minSilenceDurationMs;
    }

    public Integer getMinSpeechDurationMs() {
        return minSpeechDurationMs;
    }

    /**
     * Realtime: speech needed to start a turn, in milliseconds (server default 250).
     */
    public void setMinSpeechDurationMs(Integer minSpeechDurationMs) {
        this.minSpeechDurationMs = minSpeechDurationMs;
    }

    public Double getMaxSpeechDurationS() {
        return maxSpeechDurationS;
    }

    /**
     * Realtime: longest turn in seconds before the server cuts it (server default 5).
     */
    public void setMaxSpeechDurationS(Double maxSpeechDurationS) {
        this.maxSpeechDurationS = maxSpeechDurationS;
    }

    public Integer getSpeechPadMs() {
        return speechPadMs;
    }

    /**
     * Realtime: audio kept on each side of a turn, in milliseconds (server default 250).
     */
    public void setSpeechPadMs(Integer speechPadMs) {
        this.speechPadMs = speechPadMs;
    }

    public Double getEotThreshold() {
        return eotThreshold;
    }

    /**
     * Realtime, Deepgram models: how sure the model must be that a turn ended before it ends it, 0 to 1 (sent as
     * eot_threshold in turn_detection).
     */
    public void setEotThreshold(Double eotThreshold) {
        this.eotThreshold = eotThreshold;
    }

    public Integer getEotTimeoutMs() {
        return eotTimeoutMs;
    }

    /**
     * Realtime, Deepgram models: a turn ends after this many milliseconds of silence, however unsure the model is
     * (sent as eot_timeout_ms in turn_detection).
     */
    public void setEotTimeoutMs(Integer eotTimeoutMs) {
        this.eotTimeoutMs = eotTimeoutMs;
    }

    public Double getEagerEotThreshold() {
        return eagerEotThreshold;
    }

    /**
     * Realtime, Deepgram models: the confidence, 0 to 1, at which the model sends an eager_end_of_turn event before
     * it is sure (sent as eager_eot_threshold in turn_detection; see includeTurnEvents).
     */
    public void setEagerEotThreshold(Double eagerEotThreshold) {
        this.eagerEotThreshold = eagerEotThreshold;
    }
}
