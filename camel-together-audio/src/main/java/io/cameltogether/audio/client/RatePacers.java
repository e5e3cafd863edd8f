package io.cameltogether.audio.client;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The pacers of one component: one per base URL, API key, model and pace settings, so that every endpoint sending
 * with one key to one model keeps to the one rate the API gives them together. Models come from per-message
 * headers too, so their number is bounded: past {@link #MAX_PACERS}, further models share one pacer.
 */
public final class RatePacers {

    static final int MAX_PACERS = 64;
    private static final String OTHER_MODELS = "";

    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoClock;
    private final Map<Key, RatePacer> pacers = new HashMap<>();

    public RatePacers(ScheduledExecutorService scheduler, LongSupplier nanoClock) {
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
    }

    /**
     * @param maxRequestsPerSecond the ceiling, 0 for none
     * @param adaptive             whether to follow the server's limits
     */
    public synchronized RatePacer pacer(URI baseUrl, ApiKey apiKey, String model, double maxRequestsPerSecond,
                                        boolean adaptive) {
        Key key = new Key(baseUrl, apiKey, model, maxRequestsPerSecond, adaptive);
        if (!pacers.containsKey(key) && pacers.size() >= MAX_PACERS - 1) {
            key = new Key(baseUrl, apiKey, OTHER_MODELS, maxRequestsPerSecond, adaptive);
        }
        return pacers.computeIfAbsent(key, k -> new RatePacer(
                k.maxRequestsPerSecond > 0 ? k.maxRequestsPerSecond : Double.POSITIVE_INFINITY, k.adaptive,
                scheduler, nanoClock));
    }

    private record Key(URI baseUrl, ApiKey apiKey, String model, double maxRequestsPerSecond, boolean adaptive) {
    }
}
