package io.cameltogether.audio;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exactly once across restarts, with Camel's file-backed state repository: an application restarted after submitting
 * polls the job instead of submitting it again, and one restarted in the middle of delivering a job's results
 * delivers only the rest.
 */
class BatchJobRestartTest {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    @TempDir
    Path state;

    /** Every recording routed, across the applications' lifetimes. */
    private final List<String> routed = new CopyOnWriteArrayList<>();
    /** After routing this many, the application begins to stop, and the route returns once its consumer knows. */
    private volatile int stopAfter = -1;

    private static void stopWhileDelivering(CamelContext context) {
        Consumer consumer = context.getRoute("deliver").getConsumer();
        new Thread(context::stop, "stopping").start();
        ServiceSupport service = (ServiceSupport) consumer;
        await().until(() -> !service.isRunAllowed() || service.isSuspendingOrSuspended());
    }

    /** An application: the repositories on files in {@code state}, the consumer if asked. */
    private CamelContext application(boolean consume) throws Exception {
        CamelContext context = new DefaultCamelContext();
        TogetherAudioConfiguration c = context.getComponent("together-audio", TogetherAudioComponent.class)
                .getConfiguration();
        c.setBaseUrl(EMULATOR.baseUrl());
        c.setApiKey(EMULATOR.apiKey());
        c.setRetryDelay(20);
        context.getRegistry().bind("jobs", FileStateRepository.fileStateRepository(state.resolve("jobs").toFile()));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submit").to("together-audio:batchJob?jobRepository=#jobs");
                if (consume) {
                    from("together-audio:batchJob?jobRepository=#jobs&delay=20"
                            + "&initialDelay=0").routeId("deliver")
                            .process(e -> {
                                routed.add(e.getMessage().getHeader(TogetherAudioConstants.RECORDING_ID,
                                        String.class));
                                if (routed.size() == stopAfter) {
                                    stopWhileDelivering(e.getContext());
                                }
                            });
                }
            }
        });
        context.start();
        return context;
    }

    private Map<String, String> recordings(int count) {
        String url = EMULATOR.host(Path.of("src/test/resources/audio/speech.wav"));
        Map<String, String> byId = new java.util.TreeMap<>();
        IntStream.rangeClosed(1, count).forEach(i -> byId.put(String.format("rec-%03d", i), url));
        return byId;
    }

    @Test
    void anApplicationRestartedAfterSubmittingPollsTheJobInsteadOfSubmittingAgain() throws Exception {
        try (CamelContext submitter = application(false)) {
            submitter.createProducerTemplate().sendBody("direct:submit", recordings(8));
        }

        try (CamelContext restarted = application(true)) {
            await().until(() -> routed.size() == 8);
        }
        assertEquals(recordings(8).keySet().stream().toList(), routed.stream().sorted().toList());
        assertEquals(1, EMULATOR.batchJobs().calls().get("POST /v1/batches"));
        assertEquals(1, EMULATOR.batchJobs().jobIds().size());
    }

    @Test
    void anApplicationStoppedInTheMiddleOfDeliveringDeliversOnlyTheRestWhenStartedAgain() throws Exception {
        EMULATOR.batchJobs().withConcurrency(4);
        CamelContext first = application(false);
        first.createProducerTemplate().sendBody("direct:submit", recordings(40));
        String job = EMULATOR.batchJobs().jobIds().get(0);
        await().until(() -> EMULATOR.batchJobs().status(job).orElseThrow().equals("COMPLETED"));
        first.close();

        stopAfter = 15;
        CamelContext interrupted = application(true);
        await().until(interrupted::isStopped);
        int before = routed.size();
        stopAfter = -1;

        try (CamelContext resumed = application(true)) {
            await().until(() -> routed.size() == 40);
        }
        assertEquals(40, routed.stream().distinct().count(), "a recording was routed twice: " + routed);
        assertEquals(recordings(40).keySet().stream().toList(), routed.stream().sorted().toList());
        assertEquals(15, before, "the stopping application went on delivering");
    }
}
