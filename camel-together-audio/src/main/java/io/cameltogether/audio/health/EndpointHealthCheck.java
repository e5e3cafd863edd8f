package io.cameltogether.audio.health;

import java.time.Duration;

import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.util.URISupport;

import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.ApiProbe;

/**
 * Puts an endpoint's {@link TogetherAudioHealthCheck} in Camel's producers repository while the endpoint runs, and
 * takes it out when it stops. Camel enables that repository with {@code camel.health.producersEnabled};
 * the component's {@code healthCheckProducerEnabled} switches these checks off.
 */
public final class EndpointHealthCheck implements AutoCloseable {

    /** Long enough that readiness and liveness polls arriving together cost one call to the API. */
    private static final Duration PROBE_REUSE = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final WritableHealthCheckRepository repository;
    private final TogetherAudioHealthCheck check;
    private final ApiProbe probe;

    private EndpointHealthCheck(WritableHealthCheckRepository repository, TogetherAudioHealthCheck check,
                                 ApiProbe probe) {
        this.repository = repository;
        this.check = check;
        this.probe = probe;
    }

    /** @return the registration to close on stop, or null when Camel has no producers repository */
    public static EndpointHealthCheck register(TogetherAudioEndpoint endpoint) {
        WritableHealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(
                endpoint.getCamelContext(), "producers", WritableHealthCheckRepository.class);
        if (repository == null) {
            return null;
        }
        ApiProbe probe = new ApiProbe(endpoint.clientSettings(), PROBE_TIMEOUT, PROBE_REUSE);
        TogetherAudioHealthCheck check = new TogetherAudioHealthCheck(
                "producer:together-audio-" + endpoint.getOperation() + "-" + endpoint.getId(),
                URISupport.sanitizeUri(endpoint.getEndpointUri()), probe);
        check.setEnabled(endpoint.getComponent().isHealthCheckProducerEnabled());
        repository.addHealthCheck(check);
        return new EndpointHealthCheck(repository, check, probe);
    }

    @Override
    public void close() {
        repository.removeHealthCheck(check);
        probe.close();
    }
}
