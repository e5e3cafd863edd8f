package io.cameltogether.audio.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.TogetherAudioApiException;
import io.cameltogether.audio.emulator.Fault;
import io.cameltogether.audio.emulator.RecordedRequest;
import io.cameltogether.audio.emulator.TogetherAudioEmulator;

/**
 * The soak: a folder of recordings through {@code file -> threads(32) -> together-audio:transcribe -> file}, then a
 * burst of messages handed over at once, with the emulator faulting a share of all calls in every way it can. For
 * each it prints what was done, what failed (by cause), what was lost (must be 0) and what was transcribed more often
 * than the faults justify (must be 0), and the threads, file descriptors, sockets and temp files before and after.
 * Exits 1 if anything was lost or doubled, or a resource was left behind. Run:
 * {@code mvn -pl benchmarks -am package exec:exec -DskipTests -Dbenchmark=BatchSoak -Dfiles=10000 -Dburst=10000
 * -DfaultShare=0.15}.
 */
public final class BatchSoak {

    private static final long REQUEST_TIMEOUT_MS = 2000;
    private static final Fault[] FAULTS = {
        Fault.status(429).withRetryAfterMillis(Duration.ofMillis(200)),
        Fault.status(500),
        Fault.status(503).withRetryAfter(Duration.ofSeconds(1)),
        Fault.resetAfterBytes(2000),
        Fault.delay(Duration.ofMillis(REQUEST_TIMEOUT_MS + 500)),
        Fault.truncatedBody(),
        Fault.status(413),
    };

    private BatchSoak() {
    }

    public static void main(String[] args) throws Exception {
        int files = Integer.getInteger("files", 10_000);
        int burst = Integer.getInteger("burst", 10_000);
        double faultShare = Double.parseDouble(System.getProperty("faultShare", "0.15"));
        boolean clean;
        try (TogetherAudioEmulator emulator = new TogetherAudioEmulator().start()) {
            emulator.withRandomFaults(faultShare, 8, FAULTS);
            System.out.printf(Locale.ROOT, "Soak: %d files through a file route, then a burst of %d messages; "
                    + "%.0f %% of calls faulted (%s)%n", files, burst, faultShare * 100,
                    Stream.of(FAULTS).map(Fault::toString).collect(Collectors.joining(", ")));
            Resources before = Resources.now(emulator.port());
            boolean folderRight = folder(emulator, files);
            emulator.reset();
            emulator.withRandomFaults(faultShare, 9, FAULTS);
            boolean burstRight = burst(emulator, burst);
            Resources after = Resources.now(emulator.port());
            System.out.println("resources before Camel started: " + before);
            System.out.println("resources after Camel stopped:  " + after);
            clean = after.sameAs(before);
            System.out.println(clean ? "nothing left behind" : "LEFT BEHIND: " + after.minus(before));
            clean &= folderRight && burstRight;
        }
        System.exit(clean ? 0 : 1);
    }

    /** The folder job; true when every file is in .done (with one transcript) or .failed and none was doubled. */
    private static boolean folder(TogetherAudioEmulator emulator, int count) throws Exception {
        Path work = Files.createTempDirectory("batch-soak");
        Path inbox = work.resolve("in");
        Files.createDirectories(inbox);
        for (int i = 0; i < count; i++) {
            Files.write(inbox.resolve(String.format("f%06d.wav", i)), numberedWav(i));
        }
        Map<String, AtomicInteger> transcripts = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        try (DefaultCamelContext camel = camel(emulator)) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).logExhausted(false).process(e -> failures.computeIfAbsent(
                            cause(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)),
                            c -> new AtomicInteger()).incrementAndGet());
                    from("file:" + inbox + "?move=.done&moveFailed=.failed&readLock=changed&readLockMinAge=1000")
                            .threads(32, 32)
                            .to("together-audio:transcribe?maxConcurrentRequests=32&requestTimeout="
                                    + REQUEST_TIMEOUT_MS)
                            .process(e -> transcripts.computeIfAbsent(
                                    e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class),
                                    n -> new AtomicInteger()).incrementAndGet())
                            .to("file:" + work.resolve("out") + "?fileName=${file:name.noext}.txt");
                }
            });
            camel.start();
            while (!list(inbox).isEmpty() || camel.getInflightRepository().size() > 0) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> done = list(inbox.resolve(".done"));
        List<String> failed = list(inbox.resolve(".failed"));
        long lost = count - done.size() - failed.size();
        long withoutOneTranscript = done.stream().filter(n -> transcripts.getOrDefault(n, new AtomicInteger()).get() != 1)
                .count();
        long doubled = doubled(emulator.requests());
        System.out.printf(Locale.ROOT, "%nfolder: %d files in %.1f s (%.0f files/s)%n  done %d, failed %d %s%n"
                        + "  lost %d, done without exactly one transcript %d, transcribed twice %d%n", count, seconds,
                count / seconds, done.size(), failed.size(), new TreeMap<>(failures), lost, withoutOneTranscript,
                doubled);
        deleteTree(work);
        return lost == 0 && withoutOneTranscript == 0 && doubled == 0;
    }

    /** The burst; true when every message ended (answered or failed) and none was doubled. */
    private static boolean burst(TogetherAudioEmulator emulator, int count) throws Exception {
        Map<String, AtomicInteger> failures = new TreeMap<>();
        int succeeded = 0;
        long started = System.nanoTime();
        try (DefaultCamelContext camel = camel(emulator)) {
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            List<CompletableFuture<Exchange>> sent = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] wav = numberedWav(i);
                sent.add(template.asyncSend("together-audio:transcribe?requestTimeout=" + REQUEST_TIMEOUT_MS, e -> {
                    e.getMessage().setBody(wav);
                    e.getMessage().setHeader(TogetherAudioConstants.FILE_NAME, "voicemail.wav");
                }));
            }
            for (CompletableFuture<Exchange> f : sent) {
                Exchange e = f.get(10, TimeUnit.MINUTES);
                if (e.getException() == null) {
                    succeeded++;
                } else {
                    failures.computeIfAbsent(cause(e.getException()), c -> new AtomicInteger()).incrementAndGet();
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int failed = failures.values().stream().mapToInt(AtomicInteger::get).sum();
        long doubled = doubled(emulator.requests());
        System.out.printf(Locale.ROOT, "%nburst: %d messages handed over at once, all ended in %.1f s%n"
                + "  succeeded %d, failed %d %s%n  lost %d, transcribed twice %d%n", count, seconds, succeeded, failed,
                failures, count - succeeded - failed, doubled);
        return succeeded + failed == count && doubled == 0;
    }

    private static DefaultCamelContext camel(TogetherAudioEmulator emulator) {
        DefaultCamelContext camel = new DefaultCamelContext();
        TogetherAudioComponent together = new TogetherAudioComponent();
        together.getConfiguration().setBaseUrl(emulator.baseUrl());
        together.getConfiguration().setApiKey(emulator.apiKey());
        together.getConfiguration().setRetryDelay(100);
        camel.addComponent("together-audio", together);
        return camel;
    }

    /**
     * Recordings answered 200 more than once, counting only answers the client surely took: no fault kept them from
     * it, and they came sooner than requestTimeout (on a loaded machine an ordinary answer can come later, and the
     * client then rightly tries again).
     */
    private static long doubled(List<RecordedRequest> requests) {
        return requests.stream()
                .filter(r -> r.status() == 200 && r.fault() == null && r.answeredAfterMillis() < REQUEST_TIMEOUT_MS)
                .collect(Collectors.groupingBy(RecordedRequest::fileCrc32c, Collectors.counting()))
                .values().stream().filter(n -> n > 1).count();
    }

    private static String cause(Throwable e) {
        if (e instanceof TogetherAudioApiException api) {
            return "HTTP " + api.getStatus();
        }
        String message = String.valueOf(e.getMessage());
        return message.contains("cut off") ? "answer cut off" : message.contains("requestTimeout") ? "timeout"
                : message.contains("cannot reach") ? "connection" : e.getClass().getSimpleName();
    }

    /** A quarter second of 16 kHz tone whose first sample is the number, so each recording has its own checksum. */
    static byte[] numberedWav(int number) {
        int samples = 4000;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(samples * 2).putInt(number);
        for (int i = 2; i < samples; i++) {
            b.putShort((short) (6000 * Math.sin(i * 2 * Math.PI * 300 / 16_000)));
        }
        return b.array();
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** What the JVM holds: threads, open file descriptors, sockets, connections to the emulator, temp files. */
    private record Resources(int threads, int fileDescriptors, int sockets, int connections, int tempFiles) {

        static Resources now(int emulatorPort) throws IOException {
            List<Path> fds;
            try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                fds = open.toList();
            }
            int sockets = 0;
            for (Path fd : fds) {
                try {
                    sockets += Files.readSymbolicLink(fd).toString().startsWith("socket:") ? 1 : 0;
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, gone once listed
                }
            }
            String port = String.format(":%04X ", emulatorPort);
            long connections = Files.readAllLines(Path.of("/proc/net/tcp")).stream()
                    .filter(l -> l.contains(port) && l.split("\\s+")[4].equals("01")).count();
            int tempFiles;
            try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                tempFiles = (int) temp.count();
            }
            return new Resources(Thread.getAllStackTraces().size(), fds.size(), sockets, (int) connections, tempFiles);
        }

        boolean sameAs(Resources other) {
            return threads <= other.threads && fileDescriptors <= other.fileDescriptors && sockets <= other.sockets
                    && connections <= other.connections && tempFiles <= other.tempFiles;
        }

        String minus(Resources other) {
            return new Resources(threads - other.threads, fileDescriptors - other.fileDescriptors,
                    sockets - other.sockets, connections - other.connections, tempFiles - other.tempFiles).toString();
        }
    }
}
