package io.cameltogether.audio;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

import io.cameltogether.audio.client.ClientSettings;
import io.cameltogether.audio.client.request.ChannelMode;
import io.cameltogether.audio.client.request.OutputFormat;
import io.cameltogether.audio.client.request.ResponseFormat;

/**
 * Options of the together-audio endpoints, settable on the component as defaults for all its endpoints: the common
 * and batch ones here, the realtime ones in {@link RealtimeConfiguration}.
 */
@UriParams
public class TogetherAudioConfiguration extends RequestTrafficConfiguration implements Cloneable {

    public static final String DEFAULT_BASE_URL = "https://api.together.xyz/v1";
    public static final String DEFAULT_MODEL = "openai/whisper-large-v3";

    @UriParam(label = "security", secret = true)
    private String apiKey;
    @UriParam(label = "common", defaultValue = DEFAULT_BASE_URL)
    private String baseUrl = DEFAULT_BASE_URL;
    @UriParam(label = "common", defaultValue = DEFAULT_MODEL)
    private String model = DEFAULT_MODEL;
    @UriParam(label = "common")
    private String language;
    @UriParam(label = "common")
    private String prompt;
    @UriParam(label = "producer", enums = "json,verbose_json")
    private ResponseFormat responseFormat;
    @UriParam(label = "producer")
    private Double temperature;
    @UriParam(label = "producer", enums = "segment,word,segment\\,word")
    private String timestampGranularities;
    @UriParam(label = "producer")
    private boolean diarize;
    @UriParam(label = "producer")
    private Integer minSpeakers;
    @UriParam(label = "producer")
    private Integer maxSpeakers;
    @UriParam(label = "producer", defaultValue = "text", enums = "text,result,json,srt,vtt")
    private OutputFormat outputFormat = OutputFormat.TEXT;
    @UriParam(label = "producer", defaultValue = "80000000")
    private long maxUploadSize = ClientSettings.API_UPLOAD_CAP;
    @UriParam(label = "producer", defaultValue = "14400000", javaType = "java.time.Duration")
    private long maxAudioDuration = 14_400_000;
    @UriParam(label = "producer", defaultValue = "0", javaType = "java.time.Duration")
    private long partDuration;
    @UriParam(label = "producer", defaultValue = "mixed", enums = "mixed,separate")
    private ChannelMode channels = ChannelMode.MIXED;
    @UriParam(label = "producer")
    private String channelNames;
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "3600000", javaType = "java.time.Duration")
    private long requestTimeout = 3_600_000;
    @UriParam(label = "producer,advanced", defaultValue = "false")
    private boolean synchronous;
    @UriParam(label = "proxy")
    private String proxyHost;
    @UriParam(label = "proxy")
    private Integer proxyPort;
    @UriParam(label = "proxy")
    private String proxyUsername;
    @UriParam(label = "proxy", secret = true)
    private String proxyPassword;
    @UriParam(label = "security")
    private SSLContextParameters sslContextParameters;

    public String getApiKey() {
        return apiKey;
    }

    /**
     * The Together API key. If not set, the TOGETHER_API_KEY environment variable is used, as Together's SDKs do. It
     * is sent only in the Authorization header and never logged.
     */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    /**
     * Base URL of the Together API. Point it at the together-audio emulator for offline tests. https only, or http
     * to a loopback host: the API key must not cross the network in clear.
     */
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getModel() {
        return model;
    }

    /**
     * The speech-to-text model, e.g. openai/whisper-large-v3 or nvidia/parakeet-tdt-0.6b-v3. Any model name the API
     * knows is accepted.
     */
    public void setModel(String model) {
        this.model = model;
    }

    public String getLanguage() {
        return language;
    }

    /**
     * ISO 639-1 language code. For transcribe, the spoken language (unset: auto-detect); for translate, the target
     * language (unset: English).
     */
    public void setLanguage(String language) {
        this.language = language;
    }

    public String getPrompt() {
        return prompt;
    }

    /**
     * Text that biases the decoding, e.g. names and terms the audio contains. Only Whisper models honour it.
     */
    public void setPrompt(String prompt) {
        this.prompt = prompt;
    }

    public ResponseFormat getResponseFormat() {
        return responseFormat;
    }

    /**
     * Response format asked of the API. Unset, the component asks for what the output needs: verbose_json for
     * result, srt, vtt, diarization and timestamps, json otherwise.
     */
    public void setResponseFormat(ResponseFormat responseFormat) {
        this.responseFormat = responseFormat;
    }

    public Double getTemperature() {
        return temperature;
    }

    /**
     * Sampling temperature between 0 and 1; 0 is the most deterministic. Unset, the API's default (0) applies.
     */
    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    public String getTimestampGranularities() {
        return timestampGranularities;
    }

    /**
     * Timestamp detail in verbose_json: segment, word, or segment,word. Word timestamps give tighter subtitles.
     */
    public void setTimestampGranularities(String timestampGranularities) {
        this.timestampGranularities = timestampGranularities;
    }

    public boolean isDiarize() {
        return diarize;
    }

    /**
     * Whether to identify speakers (transcribe only): words and speaker segments carry SPEAKER_00, SPEAKER_01, ...
     */
    public void setDiarize(boolean diarize) {
        this.diarize = diarize;
    }

    public Integer getMinSpeakers() {
        return minSpeakers;
    }

    /**
     * Fewest speakers expected, to improve diarization when known.
     */
    public void setMinSpeakers(Integer minSpeakers) {
        this.minSpeakers = minSpeakers;
    }

    public Integer getMaxSpeakers() {
        return maxSpeakers;
    }

    /**
     * Most speakers expected, to improve diarization when known.
     */
    public void setMaxSpeakers(Integer maxSpeakers) {
        this.maxSpeakers = maxSpeakers;
    }

    public OutputFormat getOutputFormat() {
        return outputFormat;
    }

    /**
     * The message body produced: text (the transcript as a String), result (a typed TranscriptionResult), json (the
     * API's JSON as a String), srt or vtt (subtitles as a String).
     */
    public void setOutputFormat(OutputFormat outputFormat) {
        this.outputFormat = outputFormat;
    }

    public long getMaxUploadSize() {
        return maxUploadSize;
    }

    /**
     * Largest audio upload in bytes. A larger WAV, MP3 or FLAC is split into parts under it, cut in pauses; other
     * larger audio fails before sending. The API refuses direct uploads over 80 MB (413 request_too_large), so the
     * default is 80,000,000 bytes and a larger value only moves the refusal to the API; send larger files of other
     * formats as an https URL (the API fetches up to 1 GB) or convert them.
     */
    public void setMaxUploadSize(long maxUploadSize) {
        this.maxUploadSize = maxUploadSize;
    }

    public long getMaxAudioDuration() {
        return maxAudioDuration;
    }

    /**
     * Longest audio the API takes in one request (4 hours). A longer WAV, MP3 or FLAC is split into parts under it,
     * cut in pauses, sent side by side and stitched into one transcript; longer audio of other formats is refused
     * before sending when its container says how long it is.
     */
    public void setMaxAudioDuration(long maxAudioDuration) {
        this.maxAudioDuration = maxAudioDuration;
    }

    public long getPartDuration() {
        return partDuration;
    }

    /**
     * Split a WAV, MP3 or FLAC longer than this into parts of at most this length, cut in pauses, sent side by side (up to
     * maxConcurrentRequests at once) and stitched into one transcript: a long recording is transcribed in about
     * the time of its longest part. 0 splits only what maxAudioDuration or maxUploadSize require.
     */
    public void setPartDuration(long partDuration) {
        this.partDuration = partDuration;
    }

    public ChannelMode getChannels() {
        return channels;
    }

    /**
     * How a recording with several channels (a call recorded with the agent on one channel, the customer on the
     * other) is transcribed: `mixed` sends it as it is, and the API mixes the channels; `separate` sends each channel
     * of a WAV (PCM, float, G.711) as a mono request of its own, side by side, and merges the answers into one
     * transcript on the recording's clock whose turns, words and subtitles name their channel (channelNames). A
     * channel that stays silent is not sent. One request per channel that holds sound.
     */
    public void setChannels(ChannelMode channels) {
        this.channels = channels;
    }

    public String getChannelNames() {
        return channelNames;
    }

    /**
     * With channels=separate, the channels' names, first channel first, comma-separated (e.g. agent,customer): they
     * label the turns ("agent: ..."), words and subtitle cues. Unset, the channels are named channel1, channel2...
     */
    public void setChannelNames(String channelNames) {
        this.channelNames = channelNames;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /**
     * Time allowed to open a connection to the API.
     */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    /**
     * Time allowed for the API to answer once the audio is sent; long audio takes long to transcribe.
     */
    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public boolean isSynchronous() {
        return synchronous;
    }

    /**
     * Batch only: send on the route's thread, which waits for the answer (and for one of the maxConcurrentRequests
     * slots), instead of handing the message to the endpoint's request threads. Saves two thread hand-offs per
     * message; for routes that bring their own concurrency (threads(n), concurrent consumers, a ProducerTemplate
     * called from many threads). Retries and the parts of a split recording still run on the request threads.
     */
    public void setSynchronous(boolean synchronous) {
        this.synchronous = synchronous;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    /**
     * HTTP forward proxy for batch requests and realtime sessions alike. Unset: the JVM's https.proxyHost (or
     * http.proxyHost for an http base URL) and http.nonProxyHosts apply; an option set here wins over them.
     */
    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    /**
     * Port of the proxyHost.
     */
    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyUsername() {
        return proxyUsername;
    }

    /**
     * User for the proxy's Basic authentication; sent to the proxy only, never to the API.
     */
    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    /**
     * Password for the proxy's Basic authentication.
     */
    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /**
     * TLS key and trust material, e.g. a truststore with the CA of a TLS-inspecting proxy. Unset: the component's
     * global parameters if useGlobalSslContextParameters, else the JVM's (javax.net.ssl.* system properties).
     * Certificates and host names are always verified.
     */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public TogetherAudioConfiguration copy() {
        try {
            return (TogetherAudioConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String toString() {
        return "TogetherAudioConfiguration[baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey == null ? "unset" : "****") + "]";
    }
}
