package io.cameltogether.audio;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.service.ServiceHelper;

import io.cameltogether.audio.client.ApiKey;
import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.OptionRules;
import io.cameltogether.audio.client.jobs.BatchJob;
import io.cameltogether.audio.client.jobs.BatchJobsClient;
import io.cameltogether.audio.client.ClientSettings;
import io.cameltogether.audio.client.transport.Network;
import io.cameltogether.audio.client.TogetherAudioClient;
import io.cameltogether.audio.client.realtime.RealtimeClient;
import io.cameltogether.audio.client.request.ChannelLayout;
import io.cameltogether.audio.client.request.ChannelMode;
import io.cameltogether.audio.client.request.BatchTask;
import io.cameltogether.audio.batch.BatchOptionsMapper;
import io.cameltogether.audio.batch.TranscribeProducer;
import io.cameltogether.audio.batch.TranslateProducer;
import io.cameltogether.audio.health.EndpointHealthCheck;
import io.cameltogether.audio.jobs.BatchJobConsumer;
import io.cameltogether.audio.jobs.BatchJobProducer;
import io.cameltogether.audio.jobs.JobRegistry;
import io.cameltogether.audio.realtime.RealtimeConsumer;
import io.cameltogether.audio.realtime.RealtimeDispatcher;
import io.cameltogether.audio.realtime.RealtimeOptionsMapper;
import io.cameltogether.audio.realtime.RealtimeProducer;
import io.cameltogether.audio.support.NetworkOptions;
import io.cameltogether.audio.support.OptionRanges;

/**
 * Transcribe and translate speech with Together AI: Whisper, Parakeet and other speech-to-text models, with
 * diarization, word timestamps and subtitles, in batch or live over a WebSocket.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "together-audio", title = "Together Audio",
             syntax = "together-audio:operation", category = { Category.AI },
             headersClass = TogetherAudioConstants.class)
public class TogetherAudioEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    /** How often a batchJob consumer polls unless delay is set: Together asks for every 30 to 60 s. */
    static final long JOB_POLL_DELAY = 30_000;

    @UriPath(enums = "transcribe,translate,realtime,batchJob")
    @Metadata(required = true)
    private TogetherAudioOperation operation;
    @UriParam
    private TogetherAudioConfiguration configuration;

    private ScheduledExecutorService executor;
    private TogetherAudioClient client;
    private RealtimeClient realtimeClient;
    private final RealtimeDispatcher realtimeDispatcher = new RealtimeDispatcher();
    private EndpointHealthCheck healthCheck;
    private BatchJobsClient jobsClient;
    private JobRegistry jobRegistry;
    private volatile Clock jobClock = Clock.systemUTC();

    public TogetherAudioEndpoint(String uri, TogetherAudioComponent component, TogetherAudioOperation operation,
                                 TogetherAudioConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
        if (operation == TogetherAudioOperation.batchJob) {
            setDelay(JOB_POLL_DELAY); // before the URI's options are set: delay=... still wins
        }
    }

    @Override
    public Producer createProducer() {
        return switch (operation) {
            case transcribe -> new TranscribeProducer(this);
            case translate -> new TranslateProducer(this);
            case realtime -> new RealtimeProducer(this);
            case batchJob -> new BatchJobProducer(this);
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation == TogetherAudioOperation.batchJob) {
            if (isSendEmptyMessageWhenIdle()) {
                throw new IllegalArgumentException("sendEmptyMessageWhenIdle=true is not accepted by "
                        + "together-audio:batchJob: every exchange it routes is a recording");
            }
            BatchJobConsumer consumer = new BatchJobConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }
        if (operation != TogetherAudioOperation.realtime) {
            throw new UnsupportedOperationException("together-audio:" + operation + " only sends: use it in to(...); "
                    + "from(...) works with together-audio:realtime and together-audio:batchJob");
        }
        RealtimeConsumer consumer = new RealtimeConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Fails endpoint creation on option values the API would reject for every message. */
    void validateOptions() {
        ChannelLayout.of(configuration.getChannelNames());
        if (configuration.getChannels() == ChannelMode.SEPARATE && (operation == TogetherAudioOperation.realtime
                || operation == TogetherAudioOperation.batchJob)) {
            throw new AudioValidationException("channels=separate is for transcribe and translate: a batch job's "
                    + "recordings are URLs Together fetches as they are, and realtime streams are not yet taken apart");
        }
        if (operation == TogetherAudioOperation.realtime) {
            RealtimeOptionsMapper.validate(configuration);
        } else {
            BatchOptionsMapper.fromConfiguration(configuration).resolve(batchTask(), configuration.getOutputFormat());
        }
        if (operation == TogetherAudioOperation.batchJob) {
            OptionRules.atLeast("maxResultFileSize", configuration.getMaxResultFileSize(), 1, "bytes");
            for (String id : jobIds()) {
                if (!BatchJob.isId(id)) {
                    throw new AudioValidationException("jobIds holds '" + id + "', which is not a batch job id: "
                            + "give the ids the Batch API reports, comma-separated");
                }
            }
        }
        OptionRanges.check(configuration);
        settingsBuilder(null).check();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ClientSettings settings = clientSettings();
        healthCheck = EndpointHealthCheck.start(this, settings);
        if (operation == TogetherAudioOperation.realtime) {
            realtimeClient = new RealtimeClient(getComponent().getOrCreateVertx(),
                    RealtimeOptionsMapper.settings(configuration, settings.apiKey(), settings.network()),
                    RealtimeOptionsMapper.sessionConfig(configuration),
                    Duration.ofMillis(configuration.getSessionIdleTimeout()), configuration.getMaxSessions(),
                    realtimeDispatcher, getComponent().metrics());
            return;
        }
        if (operation == TogetherAudioOperation.batchJob) {
            jobsClient = new BatchJobsClient(settings, delay -> Thread.sleep(delay.toMillis()));
            StateRepository<String, String> jobs = configuration.getJobRepository() != null
                    ? configuration.getJobRepository() : getComponent().memoryJobRepository();
            ServiceHelper.startService(jobs); // a file repository reads its file as it starts
            jobRegistry = new JobRegistry(jobs);
            jobIds().stream().filter(id -> !jobRegistry.isDone(id)).forEach(jobRegistry::add);
            return;
        }
        executor = getCamelContext().getExecutorServiceManager()
                .newScheduledThreadPool(this, "TogetherAudio-" + operation, requestThreads());
        client = new TogetherAudioClient(settings, executor, getComponent().ratePacers(), getComponent().metrics());
    }

    /**
     * One thread per concurrent request, made when first needed. The queue has no bound of its own (Camel's default
     * of 1000 would refuse a burst): the client's admission bounds what waits in it.
     */
    private ThreadPoolProfile requestThreads() {
        ThreadPoolProfile profile = new ThreadPoolProfile("TogetherAudio-" + operation);
        profile.setPoolSize(configuration.getMaxConcurrentRequests());
        profile.setMaxPoolSize(configuration.getMaxConcurrentRequests());
        profile.setMaxQueueSize(-1);
        return profile;
    }

    /** How to reach the batch API (and GET /v1/models, which health checks probe) with this endpoint's options. */
    private ClientSettings clientSettings() {
        return settingsBuilder(resolveApiKey()).build();
    }

    private ClientSettings.Builder settingsBuilder(ApiKey apiKey) {
        TogetherAudioConfiguration c = configuration;
        return ClientSettings.builder(URI.create(c.getBaseUrl()), apiKey)
                .model(c.getModel())
                .connectTimeout(Duration.ofMillis(c.getConnectTimeout()))
                .requestTimeout(Duration.ofMillis(c.getRequestTimeout()))
                .maxRetries(c.getMaxRetries())
                .maxConcurrentRequests(c.getMaxConcurrentRequests())
                .maxQueuedRequests(c.getMaxQueuedRequests())
                .maxUploadSize(c.getMaxUploadSize())
                .maxAudioDuration(Duration.ofMillis(c.getMaxAudioDuration()))
                .partDuration(c.getPartDuration() > 0 ? Duration.ofMillis(c.getPartDuration()) : null)
                .retryDelay(Duration.ofMillis(c.getRetryDelay()))
                .maxRequestsPerSecond(c.getMaxRequestsPerSecond())
                .adaptiveRateLimit(c.isAdaptiveRateLimit())
                .maxRateLimitWait(Duration.ofMillis(c.getMaxRateLimitWait()))
                .maxResponseSize(c.getMaxResponseSize())
                .network(network());
    }

    private Network network() {
        return NetworkOptions.of(configuration, (TogetherAudioComponent) getComponent());
    }

    private ApiKey resolveApiKey() {
        String key = configuration.getApiKey();
        if (key == null || key.isBlank()) {
            key = System.getenv(ApiKey.ENVIRONMENT_VARIABLE);
        }
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("no Together API key for together-audio:" + operation + ": set the "
                    + ApiKey.ENVIRONMENT_VARIABLE + " environment variable, the apiKey option (e.g. "
                    + "apiKey=RAW(...) or {{together.apiKey}}), or camel.component.together-audio.api-key");
        }
        return ApiKey.of(key);
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            healthCheck.close();
            healthCheck = null;
        }
        if (realtimeClient != null) {
            realtimeClient.close();
            realtimeClient = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
        if (jobsClient != null) {
            jobsClient.close();
            jobsClient = null;
        }
        if (executor != null) {
            getCamelContext().getExecutorServiceManager().shutdownGraceful(executor);
            executor = null;
        }
        super.doStop();
    }

    @Override
    public TogetherAudioComponent getComponent() {
        return (TogetherAudioComponent) super.getComponent();
    }

    /** The endpoint's health checks while it runs, else null. */
    public EndpointHealthCheck getHealthCheck() {
        return healthCheck;
    }

    public TogetherAudioClient getClient() {
        return client;
    }

    /** The endpoint a batch request, or a batch job's recordings, go to. */
    private BatchTask batchTask() {
        return switch (operation) {
            case translate -> BatchTask.TRANSLATE;
            case batchJob -> configuration.getJobOperation();
            default -> BatchTask.TRANSCRIBE;
        };
    }

    /** The Files and Batches APIs, for a batchJob endpoint while it runs. */
    public BatchJobsClient getJobsClient() {
        return jobsClient;
    }

    /** The jobs submitted and not yet delivered, for a batchJob endpoint while it runs. */
    public JobRegistry getJobRegistry() {
        return jobRegistry;
    }

    /** The time batch jobs are measured by: when a creation was asked for, deadlines, timeouts. Tests move it. */
    public Clock getJobClock() {
        return jobClock;
    }

    public void setJobClock(Clock jobClock) {
        this.jobClock = jobClock;
    }

    private List<String> jobIds() {
        String ids = configuration.getJobIds();
        return ids == null ? List.of() : Arrays.stream(ids.split(",")).map(String::trim).filter(id -> !id.isEmpty())
                .toList();
    }

    /** Where a batchJob endpoint writes input files and downloads results. */
    public Path workDirectory() {
        String directory = configuration.getWorkDirectory();
        return Path.of(directory == null || directory.isBlank() ? System.getProperty("java.io.tmpdir") : directory);
    }

    public RealtimeClient getRealtimeClient() {
        return realtimeClient;
    }

    public RealtimeDispatcher getRealtimeDispatcher() {
        return realtimeDispatcher;
    }

    public TogetherAudioOperation getOperation() {
        return operation;
    }

    /**
     * The operation: transcribe (speech to text), translate (speech to text in another language), realtime (live
     * streaming), or batchJob (Together's Batch API: submit recordings' URLs as a job, receive their results).
     */
    public void setOperation(TogetherAudioOperation operation) {
        this.operation = operation;
    }

    public TogetherAudioConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * The endpoint's options.
     */
    public void setConfiguration(TogetherAudioConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public String getServiceUrl() {
        return configuration.getBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return URI.create(configuration.getBaseUrl()).getScheme();
    }
}
