package io.cameltogether.audio.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import io.cameltogether.audio.client.transport.Network;

/**
 * How the client reaches the API. Safe to print: {@link ApiKey#toString()} hides the key. Made with
 * {@link #builder(URI, ApiKey)}; every value has the endpoint option's default.
 *
 * @param baseUrl               e.g. https://api.together.xyz/v1; http only for a loopback host, where the key does
 *                              not leave the machine
 * @param model                 the endpoint's model: metrics are tagged with it, and other models as "other"
 * @param maxRetries            further attempts after a transient failure (5xx, 408, 409, dropped connection)
 * @param maxConcurrentRequests requests in flight at once; also the connection pool size
 * @param maxQueuedRequests     requests that may wait for a free slot; a sender waits while that many do
 * @param maxUploadSize         bytes; larger audio is refused before sending, or split if it is a WAV, MP3 or FLAC
 * @param maxAudioDuration      the API's limit on one request's audio; longer recordings are split into parts
 * @param partDuration          split a recording longer than this into parts sent side by side; null for no split
 *                              beyond what the limits require
 * @param retryDelay            first backoff delay, doubled per attempt up to {@link RetryPolicy#MAX_DELAY}
 * @param maxRequestsPerSecond  the most requests sent per second to one model with this key; 0 for no ceiling
 * @param adaptiveRateLimit     whether to pace requests at the rate the API admits (its limit headers and 429s)
 * @param maxRateLimitWait      how long one request may keep being answered 429 before it fails
 * @param maxResponseSize       bytes of an answer read at most; a larger one fails, and is not requested again
 * @param network               the proxy and TLS material connections use
 */
public record ClientSettings(
        URI baseUrl,
        ApiKey apiKey,
        String model,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        int maxConcurrentRequests,
        int maxQueuedRequests,
        long maxUploadSize,
        Duration maxAudioDuration,
        Duration partDuration,
        Duration retryDelay,
        double maxRequestsPerSecond,
        boolean adaptiveRateLimit,
        Duration maxRateLimitWait,
        long maxResponseSize,
        Network network) {

    /** The API's cap on a direct upload: 80 MB, counted as the strictest reading of it. */
    public static final long API_UPLOAD_CAP = 80_000_000L;
    /** An answer is read into one array. */
    public static final long MAX_RESPONSE_SIZE = Integer.MAX_VALUE - 8;
    /** One request in 1,000 seconds: slower is no pace at all. */
    public static final double MIN_REQUESTS_PER_SECOND = 0.001;

    public ClientSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(network, "network");
        check(baseUrl, connectTimeout, requestTimeout, maxRetries, maxConcurrentRequests, maxQueuedRequests,
                maxUploadSize, maxAudioDuration, partDuration, retryDelay, maxRequestsPerSecond, maxRateLimitWait,
                maxResponseSize, network);
    }

    /** Every rule these values keep, in the words of the endpoint options they come from. */
    private static void check(URI baseUrl, Duration connectTimeout, Duration requestTimeout, int maxRetries,
                              int maxConcurrentRequests, int maxQueuedRequests, long maxUploadSize,
                              Duration maxAudioDuration, Duration partDuration, Duration retryDelay,
                              double maxRequestsPerSecond, Duration maxRateLimitWait, long maxResponseSize,
                              Network network) {
        OptionRules.positive("connectTimeout", connectTimeout);
        OptionRules.positive("requestTimeout", requestTimeout);
        OptionRules.notNegative("retryDelay", retryDelay, OptionRules.DURATION + "; 0 retries at once");
        OptionRules.atLeast("maxRetries", maxRetries, 0, "a count; 0 disables retries");
        OptionRules.atLeast("maxConcurrentRequests", maxConcurrentRequests, 1, "a count of 1 or more");
        OptionRules.atLeast("maxQueuedRequests", maxQueuedRequests, 0,
                "a count; 0 makes every sender wait for a free request slot");
        OptionRules.atLeast("maxUploadSize", maxUploadSize, 1, "a size in bytes");
        OptionRules.atLeast("maxResponseSize", maxResponseSize, 1, "a size in bytes");
        OptionRules.atMost("maxResponseSize", maxResponseSize, MAX_RESPONSE_SIZE, "a size in bytes");
        OptionRules.notNegative("maxRateLimitWait", maxRateLimitWait, OptionRules.DURATION
                + "; 0 fails at the first 429");
        OptionRules.requestsPerSecond("maxRequestsPerSecond", maxRequestsPerSecond, MIN_REQUESTS_PER_SECOND);
        OptionRules.atLeast("maxAudioDuration", maxAudioDuration.toMillis(), 1000, OptionRules.DURATION
                + " of 1s or more");
        if (partDuration != null) {
            OptionRules.atLeast("partDuration", partDuration.toMillis(), 1000, OptionRules.DURATION + " of 1s or "
                    + "more, or 0 to split only what maxAudioDuration and maxUploadSize require");
        }
        requireKeptOnMachineUnlessEncrypted(baseUrl);
        Network.Proxy proxy = network.proxyFor(baseUrl);
        if (proxy != null && !baseUrl.getScheme().equalsIgnoreCase("https") && !isLoopback(proxy.host())) {
            throw new AudioValidationException("baseUrl " + baseUrl + " through the proxy " + proxy.host() + ":"
                    + proxy.port() + " is not accepted: the API key would travel to the proxy in clear. Give an https "
                    + "baseUrl, or reach a local http one without a proxy (http.nonProxyHosts)");
        }
    }

    /** @param apiKey null for a builder only {@linkplain Builder#check() checked}, never built */
    public static Builder builder(URI baseUrl, ApiKey apiKey) {
        return new Builder(baseUrl, apiKey);
    }

    /** The URL of an endpoint path below the base URL, whether or not the base ends with a slash. */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }

    /**
     * The key goes in the Authorization header of every request: over http it would be readable by everyone on the
     * way, a forward proxy included. Only a loopback host (a local emulator, a sidecar) may be reached without TLS.
     */
    public static void requireKeptOnMachineUnlessEncrypted(URI baseUrl) {
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || scheme.equals("wss")) {
            return;
        }
        if ((scheme.equals("http") || scheme.equals("ws")) && isLoopback(baseUrl.getHost())) {
            return;
        }
        throw new AudioValidationException("baseUrl " + baseUrl + " is not accepted: the API key would travel in "
                + "clear. Give an https URL (such as https://api.together.xyz/v1); http is accepted only for a "
                + "loopback host (localhost, 127.0.0.1, [::1]), such as a local emulator");
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        // a literal address only: a name is not resolved here, and what it resolves to may change
        if (!bare.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F.]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    /** Builds {@link ClientSettings}; every value starts at the endpoint option's default. */
    public static final class Builder {
        private final URI baseUrl;
        private final ApiKey apiKey;
        private String model = "openai/whisper-large-v3";
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofHours(1);
        private int maxRetries = 3;
        private int maxConcurrentRequests = 8;
        private int maxQueuedRequests = 1000;
        private long maxUploadSize = API_UPLOAD_CAP;
        private Duration maxAudioDuration = Duration.ofHours(4);
        private Duration partDuration;
        private Duration retryDelay = Duration.ofMillis(500);
        private double maxRequestsPerSecond;
        private boolean adaptiveRateLimit = true;
        private Duration maxRateLimitWait = Duration.ofMinutes(10);
        private long maxResponseSize = 16L * 1024 * 1024;
        private Network network = Network.DEFAULT;

        private Builder(URI baseUrl, ApiKey apiKey) {
            this.baseUrl = baseUrl;
            this.apiKey = apiKey;
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        public Builder maxRetries(int value) {
            maxRetries = value;
            return this;
        }

        public Builder maxConcurrentRequests(int value) {
            maxConcurrentRequests = value;
            return this;
        }

        public Builder maxQueuedRequests(int value) {
            maxQueuedRequests = value;
            return this;
        }

        public Builder maxUploadSize(long value) {
            maxUploadSize = value;
            return this;
        }

        public Builder maxAudioDuration(Duration value) {
            maxAudioDuration = value;
            return this;
        }

        /** null splits only what the limits require. */
        public Builder partDuration(Duration value) {
            partDuration = value;
            return this;
        }

        public Builder retryDelay(Duration value) {
            retryDelay = value;
            return this;
        }

        /** 0 for no ceiling. */
        public Builder maxRequestsPerSecond(double value) {
            maxRequestsPerSecond = value;
            return this;
        }

        public Builder adaptiveRateLimit(boolean value) {
            adaptiveRateLimit = value;
            return this;
        }

        public Builder maxRateLimitWait(Duration value) {
            maxRateLimitWait = value;
            return this;
        }

        public Builder maxResponseSize(long value) {
            maxResponseSize = value;
            return this;
        }

        public Builder network(Network value) {
            network = value;
            return this;
        }

        /** Checks the values as {@link #build()} would, before there is a key: when an endpoint is made. */
        public void check() {
            ClientSettings.check(baseUrl, connectTimeout, requestTimeout, maxRetries, maxConcurrentRequests,
                    maxQueuedRequests, maxUploadSize, maxAudioDuration, partDuration, retryDelay,
                    maxRequestsPerSecond, maxRateLimitWait, maxResponseSize, network);
        }

        public ClientSettings build() {
            return new ClientSettings(baseUrl, apiKey, model, connectTimeout, requestTimeout, maxRetries,
                    maxConcurrentRequests, maxQueuedRequests, maxUploadSize, maxAudioDuration, partDuration,
                    retryDelay, maxRequestsPerSecond, adaptiveRateLimit, maxRateLimitWait, maxResponseSize, network);
        }
    }
}
