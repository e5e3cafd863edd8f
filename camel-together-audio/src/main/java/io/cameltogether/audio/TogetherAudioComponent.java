package io.cameltogether.audio;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.processor.state.MemoryStateRepository;

import io.cameltogether.audio.client.AudioMetrics;
import io.cameltogether.audio.client.RatePacers;
import io.cameltogether.audio.jobs.JobRegistry;
import io.cameltogether.audio.metrics.MetricsLookup;
import io.cameltogether.audio.support.OptionRanges;

/** The {@code together-audio:} component: its options are defaults for every endpoint it creates. */
@Component("together-audio")
public class TogetherAudioComponent extends HealthCheckComponent implements SSLContextParametersAware {

    private static final String MICROMETER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    @Metadata
    private TogetherAudioConfiguration configuration = new TogetherAudioConfiguration();
    @Metadata(label = "advanced", autowired = true)
    private Vertx vertx;
    private boolean ownsVertx;
    @Metadata(label = "advanced", defaultValue = "true")
    private boolean metricsEnabled = true;
    @Metadata(label = "security", defaultValue = "false")
    private boolean useGlobalSslContextParameters;
    private AudioMetrics metrics;
    private ScheduledExecutorService pacingScheduler;
    private RatePacers ratePacers;
    private StateRepository<String, String> memoryJobRepository;
    /** By identity: a repository bean is one store, whatever its equals says. */
    private final Map<StateRepository<String, String>, Consumer> jobRepositoryConsumers =
            Collections.synchronizedMap(new IdentityHashMap<>());

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        TogetherAudioOperation operation = getCamelContext().getTypeConverter()
                .tryConvertTo(TogetherAudioOperation.class, remaining);
        if (operation == null) {
            throw new IllegalArgumentException("unknown operation '" + remaining + "' in " + uri
                    + ": use together-audio:transcribe, together-audio:translate, together-audio:realtime or "
                    + "together-audio:batchJob");
        }
        TogetherAudioEndpoint endpoint = new TogetherAudioEndpoint(uri, this, operation, configuration.copy());
        try {
            setProperties(endpoint, parameters);
        } catch (PropertyBindingException e) {
            String accepted = OptionRanges.acceptedValues(e.getPropertyName());
            if (accepted == null) {
                throw e;
            }
            throw new IllegalArgumentException(e.getPropertyName() + "=" + e.getValue() + " is not accepted: use "
                    + accepted, e);
        }
        endpoint.validateOptions();
        return endpoint;
    }

    /**
     * The Vert.x instance realtime sessions run on: the one given, or one of the component's own, made on first use.
     */
    public synchronized Vertx getOrCreateVertx() {
        if (vertx == null) {
            vertx = Vertx.vertx();
            ownsVertx = true;
        }
        return vertx;
    }

    /**
     * Where endpoints report requests, retries, audio and sessions: Micrometer when it is on the classpath and the
     * registry holds a MeterRegistry, else nowhere. Looked up once, when the first endpoint starts.
     */
    public synchronized AudioMetrics metrics() {
        if (metrics == null) {
            boolean micrometer = getCamelContext().getClassResolver().resolveClass(MICROMETER_REGISTRY) != null;
            metrics = metricsEnabled && micrometer ? MetricsLookup.fromRegistry(getCamelContext()) : AudioMetrics.NONE;
        }
        return metrics;
    }

    /**
     * The pacers every batch endpoint of this component shares, so that endpoints sending with one key to one model
     * keep together to the rate the API admits; made when the first endpoint starts.
     */
    public synchronized RatePacers ratePacers() {
        if (ratePacers == null) {
            pacingScheduler = getCamelContext().getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "TogetherAudioPacing");
            ratePacers = new RatePacers(pacingScheduler, System::nanoTime);
        }
        return ratePacers;
    }

    /**
     * Makes the consumer the only one of this component (its CamelContext) delivering the jobs of this repository:
     * two would deliver every recording twice.
     */
    public void claimJobRepository(JobRegistry registry, Consumer consumer) {
        Consumer other = jobRepositoryConsumers.putIfAbsent(registry.repository(), consumer);
        if (other != null && other != consumer) {
            throw new IllegalStateException("another together-audio:batchJob consumer (" + other.getEndpoint()
                    + ") already delivers the jobs of this jobRepository: one consumer per job repository");
        }
    }

    public void releaseJobRepository(JobRegistry registry, Consumer consumer) {
        jobRepositoryConsumers.remove(registry.repository(), consumer);
    }

    /** Where batchJob endpoints without a jobRepository keep their jobs: in memory, shared by them all. */
    public synchronized StateRepository<String, String> memoryJobRepository() {
        if (memoryJobRepository == null) {
            memoryJobRepository = new MemoryStateRepository();
        }
        return memoryJobRepository;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        metrics = null;
        if (pacingScheduler != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(pacingScheduler);
            pacingScheduler = null;
            ratePacers = null;
        }
        if (ownsVertx && vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx = null;
            ownsVertx = false;
        }
        super.doStop();
    }

    public boolean isMetricsEnabled() {
        return metricsEnabled;
    }

    /**
     * Whether to record Micrometer metrics (together.audio.requests, retries, upload.bytes, audio.seconds,
     * realtime.sessions, realtime.reconnects). They are recorded when Micrometer is on the classpath and the registry
     * holds a MeterRegistry: the one bound as metricsRegistry, the only one, or Spring Boot's composite.
     */
    public void setMetricsEnabled(boolean metricsEnabled) {
        this.metricsEnabled = metricsEnabled;
    }

    public Vertx getVertx() {
        return vertx;
    }

    /**
     * The Vert.x instance for realtime WebSocket sessions, e.g. the application's own. If none is set or found in
     * the registry, the component makes one when the first realtime endpoint starts, and closes it when it stops.
     */
    public void setVertx(Vertx vertx) {
        this.vertx = vertx;
    }

    public TogetherAudioConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * Default options for all endpoints of this component.
     */
    public void setConfiguration(TogetherAudioConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    /**
     * Use the CamelContext's global SSL context parameters for endpoints that set no sslContextParameters.
     */
    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }
}
