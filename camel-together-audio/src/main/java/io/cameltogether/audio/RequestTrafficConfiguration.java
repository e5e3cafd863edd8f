package io.cameltogether.audio;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * How an endpoint's requests share the API: how many at once, how many wait, how they are paced to the rate the API
 * admits, and how failures are retried.
 */
@UriParams
public class RequestTrafficConfiguration extends RealtimeConfiguration {

    @UriParam(label = "advanced", defaultValue = "3")
    private int maxRetries = 3;
    @UriParam(label = "advanced", defaultValue = "500", javaType = "java.time.Duration")
    private long retryDelay = 500;
    @UriParam(label = "advanced", defaultValue = "8")
    private int maxConcurrentRequests = 8;
    @UriParam(label = "advanced", defaultValue = "1000")
    private int maxQueuedRequests = 1000;
    @UriParam(label = "advanced", defaultValue = "0")
    private double maxRequestsPerSecond;
    @UriParam(label = "advanced", defaultValue = "true")
    private boolean adaptiveRateLimit = true;
    @UriParam(label = "advanced", defaultValue = "600000", javaType = "java.time.Duration")
    private long maxRateLimitWait = 600_000;
    @UriParam(label = "advanced", defaultValue = "16777216")
    private long maxResponseSize = 16L * 1024 * 1024;

    public int getMaxRetries() {
        return maxRetries;
    }

    /**
     * How many times a request is retried after a transient failure (408, 409, 5xx, a dropped connection, an answer
     * cut off), with exponential backoff that honours Retry-After. 0 disables retries. A 429 is waited out instead
     * (see maxRateLimitWait).
     */
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    /**
     * First backoff delay; each further retry doubles it, up to 8 seconds, with jitter.
     */
    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public int getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /**
     * Requests in flight at once per endpoint; also the size of its connection pool. Further messages wait their
     * turn (see maxQueuedRequests).
     */
    public void setMaxConcurrentRequests(int maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    public int getMaxQueuedRequests() {
        return maxQueuedRequests;
    }

    /**
     * Messages per endpoint that may wait for a free request slot beyond maxConcurrentRequests; they hold a reference
     * to their body and no thread. When that many wait, the thread handing over the next message waits for room:
     * back-pressure on the route's consumer (a file or Kafka consumer polls no further), never a refusal.
     */
    public void setMaxQueuedRequests(int maxQueuedRequests) {
        this.maxQueuedRequests = maxQueuedRequests;
    }

    public double getMaxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    /**
     * The most requests sent per second to one model with one API key, by all the endpoints that share this
     * setting; 0 for no ceiling other than the API's. Fractions are allowed (0.5 is one every two seconds).
     */
    public void setMaxRequestsPerSecond(double maxRequestsPerSecond) {
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    public boolean isAdaptiveRateLimit() {
        return adaptiveRateLimit;
    }

    /**
     * Pace requests at the rate the API admits: the x-ratelimit-limit it sends on each answer, cut on each 429 and
     * regained on success, shared by all endpoints of one API key and model, so that a backlog drains steadily at
     * the limit instead of in bursts the API refuses. A 429 makes the request wait its turn again (see
     * maxRateLimitWait) instead of using up a retry. false sends as fast as maxConcurrentRequests allow (and at most
     * maxRequestsPerSecond).
     */
    public void setAdaptiveRateLimit(boolean adaptiveRateLimit) {
        this.adaptiveRateLimit = adaptiveRateLimit;
    }

    public long getMaxRateLimitWait() {
        return maxRateLimitWait;
    }

    /**
     * How long one request may keep being answered 429 (rate limited) before it fails with the API's error. Those
     * answers do not count against maxRetries.
     */
    public void setMaxRateLimitWait(long maxRateLimitWait) {
        this.maxRateLimitWait = maxRateLimitWait;
    }

    public long getMaxResponseSize() {
        return maxResponseSize;
    }

    /**
     * Bytes of an answer read at most. A larger answer fails the message with an error naming this option, and is
     * not requested again; 16 MB holds the verbose transcript of the longest audio the API takes.
     */
    public void setMaxResponseSize(long maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }
}
