package io.cameltogether.audio.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.cameltogether.audio.client.AudioMetrics;
import io.cameltogether.audio.client.RateLimits;

/**
 * The component's meters, all named {@code together.audio.*}: HTTP attempts with their outcome, retries, audio
 * uploaded and transcribed, realtime sessions and reconnects. Camel's own micrometer support already times routes
 * and exchanges; these count what only the component sees.
 */
final class MicrometerAudioMetrics implements AudioMetrics {

    static final String REQUESTS = "together.audio.requests";
    static final String RETRIES = "together.audio.retries";
    static final String UPLOADED = "together.audio.upload.bytes";
    static final String AUDIO = "together.audio.audio.seconds";
    static final String SESSIONS = "together.audio.realtime.sessions";
    static final String RECONNECTS = "together.audio.realtime.reconnects";
    static final String IGNORED_VALUES = "together.audio.realtime.server.values.ignored";
    static final String RATE_LIMITS = "together.audio.ratelimit";

    private final MeterRegistry registry;
    /** The latest value of each rate-limit header per model, which the gauges read. */
    private final Map<List<String>, AtomicReference<Double>> rateLimits = new ConcurrentHashMap<>();

    MicrometerAudioMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void requestCompleted(String task, String model, int status, Duration took) {
        Timer.builder(REQUESTS).description("HTTP attempts on the batch endpoints, retries included")
                .tags("operation", task, "model", model, "status", status == 0 ? "none" : Integer.toString(status),
                        "outcome", outcome(status))
                .register(registry).record(took);
    }

    @Override
    public void requestRetried(String task, int status) {
        Counter.builder(RETRIES).description("Transient failures retried")
                .tags("operation", task, "reason", status == 0 ? "connection" : Integer.toString(status))
                .register(registry).increment();
    }

    @Override
    public void audioUploaded(String task, long bytes) {
        Counter.builder(UPLOADED).description("Audio bytes uploaded, failed attempts included").baseUnit("bytes")
                .tags("operation", task).register(registry).increment(bytes);
    }

    @Override
    public void audioTranscribed(String task, String model, double seconds) {
        audioSeconds(task, model).increment(seconds);
    }

    /** Models are the endpoints' own or "other", header names a fixed set: the gauges are bounded. */
    @Override
    public void rateLimitsSeen(String model, RateLimits limits) {
        limits.values().forEach((header, value) -> rateLimits.computeIfAbsent(List.of(model, header), key -> {
            AtomicReference<Double> latest = new AtomicReference<>();
            Gauge.builder(RATE_LIMITS, latest, l -> l.get() == null ? Double.NaN : l.get())
                    .description("The latest rate-limit headers of the API's answers (x-ratelimit-limit, -remaining, "
                            + "-reset, x-tokenlimit-*, and their -dynamic variants)")
                    .tags("model", model, "header", header).register(registry);
            return latest;
        }).set(value));
    }

    @Override
    public SessionMetrics realtimeSessionOpened(String model) {
        LongTaskTimer.Sample open = LongTaskTimer.builder(SESSIONS)
                .description("Realtime sessions open now, and how long they have been open")
                .tags("model", model).register(registry).start();
        Counter audio = audioSeconds("realtime", model);
        Counter reconnects = Counter.builder(RECONNECTS)
                .description("Realtime sessions that lost their connection and got a new one")
                .tags("model", model).register(registry);
        Counter ignored = Counter.builder(IGNORED_VALUES)
                .description("Values realtime servers sent that could not be used (wrong type, negative, not "
                        + "finite, beyond the audio sent) and were ignored")
                .tags("model", model).register(registry);
        return new SessionMetrics() {
            @Override
            public void audioStreamed(double seconds) {
                audio.increment(seconds);
            }

            @Override
            public void reconnected() {
                reconnects.increment();
            }

            @Override
            public void serverValuesIgnored(int count) {
                ignored.increment(count);
            }

            @Override
            public void ended() {
                open.stop();
            }
        };
    }

    private Counter audioSeconds(String task, String model) {
        return Counter.builder(AUDIO).description("Seconds of audio transcribed: batch as the API reports it "
                        + "(verbose_json outputs), realtime as streamed").baseUnit("seconds")
                .tags("operation", task, "model", model).register(registry);
    }

    private static String outcome(int status) {
        if (status == 0) {
            return "CONNECTION_ERROR";
        }
        return status / 100 == 2 ? "SUCCESS" : status / 100 == 4 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}
