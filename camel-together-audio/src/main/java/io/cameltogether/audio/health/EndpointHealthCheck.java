package io.cameltogether.audio.health;

import java.time.Duration;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.util.URISupport;

import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.ApiProbe;
import io.cameltogether.audio.client.ClientSettings;

/**
 * An endpoint's {@link TogetherAudioHealthCheck}s while the endpoint runs: one in Camel's producers repository
 * (which Camel enables with {@code camel.health.producersEnabled}), and one its realtime consumers report through
 * their route's consumer check. Both read one probe. The component's {@code healthCheckProducerEnabled} and
 * {@code healthCheckConsumerEnabled} switch them off.
 */
public final class EndpointHealthCheck implements AutoCloseable {

    /** Long enough that readiness and liveness polls arriving together cost one call to the API. */
    private static final Duration PROBE_REUSE = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final ApiProbe probe;
    private final WritableHealthCheckRepository producers;
    private final TogetherAudioHealthCheck producerCheck;
    private final TogetherAudioHealthCheck consumerCheck;

    private EndpointHealthCheck(TogetherAudioEndpoint endpoint, ClientSettings settings) {
        this.probe = new ApiProbe(settings, PROBE_TIMEOUT, PROBE_REUSE);
        String name = "together-audio-" + endpoint.getOperation() + "-" + endpoint.getId();
        String uri = URISupport.sanitizeUri(endpoint.getEndpointUri());
        this.producerCheck = new TogetherAudioHealthCheck("producer:" + name, uri, probe);
        this.producerCheck.setEnabled(endpoint.getComponent().isHealthCheckProducerEnabled());
        this.consumerCheck = new TogetherAudioHealthCheck("consumer:" + name, uri, probe);
        this.consumerCheck.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
        this.producers = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (producers != null) {
            producers.addHealthCheck(producerCheck);
        }
    }

    /** @param settings where the endpoint reaches the API, with which key */
    public static EndpointHealthCheck start(TogetherAudioEndpoint endpoint, ClientSettings settings) {
        return new EndpointHealthCheck(endpoint, settings);
    }

    /** The check a consumer of the endpoint reports through its route; null when consumer checks are off. */
    public HealthCheck forConsumer() {
        return consumerCheck.isEnabled() ? consumerCheck : null;
    }

    @Override
    public void close() {
        if (producers != null) {
            producers.removeHealthCheck(producerCheck);
        }
        probe.close();
    }
}
