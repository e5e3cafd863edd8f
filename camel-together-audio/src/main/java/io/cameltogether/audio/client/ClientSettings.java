package io.cameltogether.audio.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the client reaches the API. Safe to print: {@link ApiKey#toString()} hides the key.
 *
 * @param baseUrl               e.g. https://api.together.xyz/v1
 * @param maxRetries            further attempts after a transient failure (429, 5xx, dropped connection)
 * @param maxConcurrentRequests requests in flight at once; also the connection pool size
 * @param maxQueuedRequests     requests that may wait for a free slot; a sender waits while that many do
 * @param maxUploadSize         bytes; larger audio is refused before sending, or split if it is a WAV
 * @param maxAudioDuration      the API's limit on one request's audio; a longer WAV is split into parts
 * @param partDuration          split a WAV longer than this into parts sent side by side; null for no split
 *                              beyond what the limits require
 * @param retryDelay            first backoff delay, doubled per attempt up to {@link RetryPolicy#MAX_DELAY}
 * @param network               the proxy and TLS material connections use
 */
public record ClientSettings(
        URI baseUrl,
        ApiKey apiKey,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        int maxConcurrentRequests,
        int maxQueuedRequests,
        long maxUploadSize,
        Duration maxAudioDuration,
        Duration partDuration,
        Duration retryDelay,
        Network network) {

    public ClientSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(maxAudioDuration, "maxAudioDuration");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(network, "network");
        if (maxRetries < 0 || maxQueuedRequests < 0 || maxConcurrentRequests < 1 || maxUploadSize < 1) {
            throw new IllegalArgumentException("maxRetries and maxQueuedRequests must be >= 0, maxConcurrentRequests "
                    + "and maxUploadSize >= 1");
        }
    }

    /** The URL of an endpoint path below the base URL, whether or not the base ends with a slash. */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }
}
