package io.cameltogether.audio.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One client in a JVM of its own, so its resident memory is its own: {@code BatchClient <client> <mode> <baseUrl>
 * <file> [count] [concurrency]}. Modes: {@code load} sends count requests from concurrency threads, each waiting for
 * its answer before the next (after a warm-up of as many); {@code burst} hands count requests over at once
 * and waits for all; {@code once} sends one (cold start is the whole process's time); {@code upload} sends one
 * large file and reports its rate. {@code load} also reports the CPU time the whole process spent per request
 * (every thread, user and system): the client's own cost, which the emulator's varying speed does not move.
 * Prints one line, {@code RESULT key=value ...}, which {@link BatchBenchmark} reads.
 */
public final class BatchClient {

    private BatchClient() {
    }

    public static void main(String[] args) throws Exception {
        String client = args[0];
        String mode = args[1];
        String baseUrl = args[2];
        Path audio = Path.of(args[3]);
        int count = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        int concurrency = args.length > 5 ? Integer.parseInt(args[5]) : 64;
        long maxUpload = Math.max(Files.size(audio) * 2, 524_288_000L);
        try (Transcriber transcriber = Transcriber.named(client, baseUrl, concurrency, maxUpload)) {
            String result = switch (mode) {
                case "load" -> load(transcriber, audio, count, concurrency);
                case "burst" -> burst(transcriber, audio, count);
                case "once" -> once(transcriber, audio);
                case "upload" -> upload(transcriber, audio);
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            };
            System.out.println("RESULT " + result + " rssPeakMb=" + peakRssMb());
        }
        System.exit(0);
    }

    private static String load(Transcriber transcriber, Path audio, int count, int concurrency) throws Exception {
        closedLoop(transcriber, audio, Math.max(concurrency, count), concurrency); // as many again to warm the JIT
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        long[] latencies = closedLoop(transcriber, audio, count, concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMsPerRequest = (os.getProcessCpuTime() - cpuBefore) / 1e6 / count;
        Arrays.sort(latencies);
        return String.format(Locale.ROOT, "reqPerSec=%.1f p50Ms=%.1f p99Ms=%.1f cpuMsPerReq=%.3f", count / seconds,
                latencies[count / 2] / 1e6, latencies[(int) Math.ceil(count * 0.99) - 1] / 1e6, cpuMsPerRequest);
    }

    /** concurrency threads share count requests; each waits for its answer before sending again. */
    private static long[] closedLoop(Transcriber transcriber, Path audio, int count, int concurrency) throws Exception {
        long[] latencies = new long[count];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            done.add(senders.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long sent = System.nanoTime();
                    check(transcriber.transcribe(audio));
                    latencies[i] = System.nanoTime() - sent;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        senders.shutdown();
        return latencies;
    }

    private static String burst(Transcriber transcriber, Path audio, int count) {
        long start = System.nanoTime();
        List<CompletableFuture<String>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(transcriber.submit(audio));
        }
        int failed = 0;
        for (CompletableFuture<String> f : all) {
            try {
                check(f.join());
            } catch (RuntimeException e) {
                failed++;
            }
        }
        return String.format(Locale.ROOT, "succeeded=%d failed=%d seconds=%.2f", count - failed, failed,
                (System.nanoTime() - start) / 1e9);
    }

    private static String once(Transcriber transcriber, Path audio) {
        check(transcriber.transcribe(audio));
        return "succeeded=1";
    }

    private static String upload(Transcriber transcriber, Path audio) throws Exception {
        long start = System.nanoTime();
        check(transcriber.transcribe(audio));
        return String.format(Locale.ROOT, "mbPerSec=%.1f", Files.size(audio) / 1048576.0
                / ((System.nanoTime() - start) / 1e9));
    }

    private static void check(String text) {
        if (text == null || !text.startsWith("(emulated)")) {
            throw new IllegalStateException("not a transcript: " + text);
        }
    }

    /** The process's peak resident set (VmHWM), in MB. */
    static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
