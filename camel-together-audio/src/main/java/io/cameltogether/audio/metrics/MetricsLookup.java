package io.cameltogether.audio.metrics;

import java.util.Set;

import org.apache.camel.CamelContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import io.cameltogether.audio.client.AudioMetrics;

/**
 * Finds the application's MeterRegistry: the one Camel's micrometer support binds as {@code metricsRegistry}, else
 * the only one in the registry, else the composite Spring Boot makes when there are several.
 *
 * <p>Micrometer is an optional dependency: only call this class after checking it is on the classpath.
 */
public final class MetricsLookup {

    /** The name camel-micrometer and Camel Main bind their registry under. */
    static final String CAMEL_REGISTRY_NAME = "metricsRegistry";

    private MetricsLookup() {
    }

    public static AudioMetrics fromRegistry(CamelContext context) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType(CAMEL_REGISTRY_NAME, MeterRegistry.class);
        if (registry == null) {
            Set<MeterRegistry> all = context.getRegistry().findByType(MeterRegistry.class);
            registry = all.size() == 1 ? all.iterator().next()
                    : all.stream().filter(CompositeMeterRegistry.class::isInstance).findFirst().orElse(null);
        }
        return registry == null ? AudioMetrics.NONE : new MicrometerAudioMetrics(registry);
    }
}
