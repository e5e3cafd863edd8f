package io.cameltogether.audio.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.service.ServiceSupport;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.emulator.RecordedRequest;
import io.cameltogether.audio.emulator.TogetherAudioEmulator;

/**
 * Batch jobs against the emulator. First, one job of 50,000 recordings (-DjobRecordings): the heap while the
 * producer builds and uploads its JSONL, the time the job and its delivery take, the API calls made, and a restart
 * of the delivering application in the middle of the results, counting recordings missing and routed twice. Then,
 * side by side for 10,000 recordings (-DsideBySide) under the emulator's rate limit (-DrateLimit requests/s): the
 * synchronous transcribe route against one batch job: requests sent, 429s, wall time, and what each path bills. Run:
 * {@code mvn -pl benchmarks -am package exec:exec -DskipTests -Dbenchmark=BatchJobBenchmark -Dbenchmark.heap=64m}.
 */
public final class BatchJobBenchmark {

    /** The Batch API bills at up to half the serverless price (Together's docs: "up to 50%"). */
    private static final double BATCH_SHARE_OF_PRICE = 0.5;

    private BatchJobBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int jobRecordings = Integer.getInteger("jobRecordings", 50_000);
        int sideBySide = Integer.getInteger("sideBySide", 10_000);
        double rateLimit = Double.parseDouble(System.getProperty("rateLimit", "50"));
        Path dir = Files.createTempDirectory("batch-job-benchmark");
        Path wav = BatchBenchmark.wav(dir.resolve("voicemail.wav"), 4 * 1024);
        try (TogetherAudioEmulator emulator = new TogetherAudioEmulator().withRequestRecording(false).start()) {
            emulator.batchJobs().withConcurrency(64);
            oneLargeJob(emulator, emulator.host(wav), jobRecordings, dir);
            emulator.reset();
            sideBySide(emulator, emulator.host(wav), sideBySide, rateLimit, dir);
        }
    }

    private static void oneLargeJob(TogetherAudioEmulator emulator, String url, int count, Path dir)
            throws Exception {
        System.out.printf(Locale.ROOT, "One job of %,d recordings (JVM heap limit %d MB)%n", count,
                Runtime.getRuntime().maxMemory() / (1 << 20));
        Map<String, Integer> routed = new ConcurrentHashMap<>();
        HeapSampler heap = new HeapSampler();
        long submitNanos;
        try (CamelContext submitter = application(emulator, dir, false, routed, -1)) {
            ProducerTemplate template = submitter.createProducerTemplate();
            heap.start();
            long started = System.nanoTime();
            template.sendBody("direct:submit", new Recordings(url, count));
            submitNanos = System.nanoTime() - started;
            heap.stop();
        }
        System.out.printf(Locale.ROOT, "  submit (JSONL built, uploaded, job created): %.1f s, heap peak %.1f MB over "
                + "a %.1f MB baseline%n", submitNanos / 1e9, (heap.peak.get() - heap.baseline) / 1e6,
                heap.baseline / 1e6);
        String job = emulator.batchJobs().jobIds().get(0);
        long jobStarted = System.nanoTime();
        while (!emulator.batchJobs().status(job).orElseThrow().equals("COMPLETED")) {
            Thread.sleep(100);
        }
        System.out.printf(Locale.ROOT, "  the emulator's job (validation, %,d fetches, transcripts): %.1f s%n",
                count, (System.nanoTime() - jobStarted) / 1e9);
        long deliverStarted = System.nanoTime();
        int stopAt = count * 2 / 5;
        try (CamelContext first = application(emulator, dir, true, routed, stopAt)) {
            while (!first.isStopped()) {
                Thread.sleep(20);
            }
        }
        int beforeRestart = routed.size();
        try (CamelContext second = application(emulator, dir, true, routed, -1)) {
            while (routed.size() < count) {
                Thread.sleep(20);
            }
            Thread.sleep(1000); // any recording routed twice would show within a poll
        }
        double deliverSeconds = (System.nanoTime() - deliverStarted) / 1e9;
        long twice = routed.values().stream().filter(n -> n > 1).count();
        System.out.printf(Locale.ROOT, "  delivery with a restart after %,d recordings: %.1f s; %,d routed, %d "
                + "missing, %d twice%n", beforeRestart, deliverSeconds, routed.size(), count - routed.size(), twice);
        System.out.printf(Locale.ROOT, "  API calls: %s%n", emulator.batchJobs().calls());
    }

    private static void sideBySide(TogetherAudioEmulator emulator, String url, int count, double rateLimit,
                                   Path dir) throws Exception {
        System.out.printf(Locale.ROOT, "%nSide by side: %,d recordings, the API limited to %.0f requests/s%n", count,
                rateLimit);
        emulator.withRateLimit(rateLimit).withRequestRecording(true);
        long started = System.nanoTime();
        try (CamelContext context = new DefaultCamelContext()) {
            configure(context, emulator);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            AtomicInteger failed = new AtomicInteger();
            CompletableFuture<?>[] all = new CompletableFuture<?>[count];
            for (int i = 0; i < count; i++) {
                all[i] = template.asyncSend("together-audio:transcribe", e -> e.getMessage().setBody(url))
                        .thenAccept(e -> {
                            if (e.getException() != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            CompletableFuture.allOf(all).join();
            List<RecordedRequest> seen = emulator.requests();
            long refused = seen.stream().filter(r -> r.status() == 429).count();
            report("transcribe route", count - failed.get(), seen.size(), refused, System.nanoTime() - started, 1);
        }
        emulator.reset();
        emulator.batchJobs().withConcurrency(64);
        Map<String, Integer> routed = new ConcurrentHashMap<>();
        started = System.nanoTime();
        try (CamelContext context = application(emulator, dir.resolve("side"), true, routed, -1)) {
            context.createProducerTemplate().sendBody("direct:submit", new Recordings(url, count));
            while (routed.size() < count) {
                Thread.sleep(20);
            }
        }
        int calls = emulator.batchJobs().calls().values().stream().mapToInt(Integer::intValue).sum();
        report("one batch job", routed.size(), calls, 0, System.nanoTime() - started, BATCH_SHARE_OF_PRICE);
    }

    private static void report(String path, int transcribed, long requests, long refused, long nanos,
                               double priceShare) {
        System.out.printf(Locale.ROOT, "  %-16s %,7d transcribed, %,7d requests, %,6d answered 429, %7.1f s, billed "
                + "at %3.0f %% of the serverless price per audio minute%n", path, transcribed, requests, refused,
                nanos / 1e9, priceShare * 100);
    }

    /** An application that submits ("direct:submit") and, if asked, delivers; stops itself after stopAt routed. */
    private static CamelContext application(TogetherAudioEmulator emulator, Path dir, boolean deliver,
                                            Map<String, Integer> routed, int stopAt) throws Exception {
        Files.createDirectories(dir);
        CamelContext context = new DefaultCamelContext();
        configure(context, emulator);
        context.getRegistry().bind("jobs", FileStateRepository.fileStateRepository(dir.resolve("jobs").toFile()));
        CountDownLatch stopping = new CountDownLatch(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submit").to("together-audio:batchJob?jobRepository=#jobs&workDirectory=" + dir);
                if (deliver) {
                    from("together-audio:batchJob?jobRepository=#jobs&delay=200"
                            + "&initialDelay=0&workDirectory=" + dir).routeId("deliver")
                            .process(e -> {
                                int n = routed.merge(e.getMessage().getHeader(TogetherAudioConstants.RECORDING_ID,
                                        String.class), 1, Integer::sum);
                                if (n == 1 && routed.size() == stopAt && stopping.getCount() == 1) {
                                    stopping.countDown();
                                    stopWhileDelivering(e);
                                }
                            });
                }
            }
        });
        context.start();
        return context;
    }

    private static void stopWhileDelivering(Exchange exchange) throws InterruptedException {
        CamelContext context = exchange.getContext();
        ServiceSupport consumer = (ServiceSupport) context.getRoute("deliver").getConsumer();
        new Thread(context::stop, "stopping").start();
        while (consumer.isRunAllowed() && !consumer.isSuspendingOrSuspended()) {
            Thread.sleep(5);
        }
    }

    private static void configure(CamelContext context, TogetherAudioEmulator emulator) {
        TogetherAudioConfiguration c = context.getComponent("together-audio", TogetherAudioComponent.class)
                .getConfiguration();
        c.setBaseUrl(emulator.baseUrl());
        c.setApiKey(emulator.apiKey());
        c.setMaxConcurrentRequests(16);
    }

    /** The job's recordings as an iterator: the producer never sees them all at once. */
    private record Recordings(String url, int count) implements Iterable<Map.Entry<String, String>> {
        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < count;
                }

                @Override
                public Map.Entry<String, String> next() {
                    next++;
                    return Map.entry(String.format(Locale.ROOT, "call-%06d", next), url);
                }
            };
        }
    }
}
