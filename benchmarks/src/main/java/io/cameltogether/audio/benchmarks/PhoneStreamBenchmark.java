package io.cameltogether.audio.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.examples.phonestream.PhoneStreamRoutes;
import io.cameltogether.examples.phonestream.SimulatedCaller;

/**
 * Concurrent phone calls through the phone-stream example's routes in this JVM, against the emulator in a JVM of
 * its own: one call alone, then {@code calls} at once, each streaming the test suite's 4.5 s sentence as 8 kHz
 * mu-law in 20 ms messages at the pace it plays. The emulator ends a turn 500 ms after its speech, so a call's
 * transcript is due 5.04 s after the call starts; the added latency is how much later it reaches the route. CPU is
 * this JVM's (the route's side), per call. Run: {@code mvn -pl benchmarks -am package exec:exec -DskipTests
 * -Dbenchmark=PhoneStreamBenchmark -Dcalls=100}.
 */
public final class PhoneStreamBenchmark {

    private static final Path SPEECH = Path.of("../camel-together-audio/src/test/resources/audio/speech.wav");
    /** 72,589 samples of speech at 16 kHz, then the 500 ms of silence after which the emulator ends the turn. */
    private static final double TRANSCRIPT_DUE_SECONDS = 72_589 / 16_000.0 + 0.5;

    private PhoneStreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.getInteger("calls", 100);
        EmulatorProcess emulator = EmulatorProcess.start();
        Vertx vertx = Vertx.vertx();
        Map<String, Long> firstTranscriptAt = new ConcurrentHashMap<>();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            TogetherAudioComponent together = new TogetherAudioComponent();
            together.getConfiguration().setBaseUrl(emulator.baseUrl());
            together.getConfiguration().setApiKey("emulator-key");
            camel.addComponent("together-audio", together);
            camel.addRoutes(new PhoneStreamRoutes(port, "direct:transcripts"));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:transcripts").process(e -> firstTranscriptAt.putIfAbsent(
                            e.getMessage().getHeader(TogetherAudioConstants.SESSION_ID, String.class),
                            System.nanoTime()));
                }
            });
            camel.start();
            System.out.println("| calls at once | transcripts | added latency p50 ms | p99 ms | max ms "
                    + "| CPU ms per call |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            run(vertx, port, 1, "warm-up", firstTranscriptAt);
            for (int n : List.of(1, calls)) {
                System.out.println(run(vertx, port, n, "run-" + n, firstTranscriptAt));
            }
        } finally {
            vertx.close();
            emulator.close();
        }
    }

    private static String run(Vertx vertx, int port, int calls, String prefix, Map<String, Long> firstTranscriptAt)
            throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String id = prefix + "-" + i;
            startedAt.put(id, System.nanoTime());
            running.add(SimulatedCaller.call(vertx, port, id, SPEECH));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!firstTranscriptAt.keySet().containsAll(startedAt.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(50); // a benchmark's wait for the last transcripts, not a test's
        }
        long cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1_000_000;
        List<Double> added = new ArrayList<>();
        startedAt.forEach((id, start) -> {
            Long at = firstTranscriptAt.get(id);
            if (at != null) {
                added.add((at - start) / 1e6 - TRANSCRIPT_DUE_SECONDS * 1000);
            }
        });
        Collections.sort(added);
        return String.format(Locale.ROOT, "| %d | %d of %d | %.0f | %.0f | %.0f | %.0f |", calls, added.size(), calls,
                percentile(added, 0.5), percentile(added, 0.99), added.isEmpty() ? 0 : added.get(added.size() - 1),
                (double) cpuMillis / calls);
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }
}
