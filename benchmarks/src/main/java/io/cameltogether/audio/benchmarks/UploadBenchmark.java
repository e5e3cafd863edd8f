package io.cameltogether.audio.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import io.cameltogether.audio.TogetherAudioComponent;

/**
 * Uploads one large WAV, alternately with {@code curl -F} and with the component, to the same emulator running in
 * its own JVM, and reports the median throughput of each; then samples this JVM's used heap through one more
 * component upload. Run: {@code mvn -pl benchmarks -am package exec:exec -DskipTests -Dbenchmark=UploadBenchmark
 * -DsizeMb=1024 -Drounds=5}.
 */
public final class UploadBenchmark {

    private UploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long sizeMb = Long.getLong("sizeMb", 1024);
        int rounds = Integer.getInteger("rounds", 5);
        long bytes = sizeMb * 1024 * 1024;
        Path dir = Files.createTempDirectory("upload-benchmark");
        Path wav = randomWav(dir.resolve("benchmark.wav"), bytes);
        EmulatorProcess emulator = EmulatorProcess.start("--max-upload-bytes=" + bytes * 2,
                "--max-duration-seconds=1000000");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            String baseUrl = emulator.baseUrl();
            TogetherAudioComponent together = new TogetherAudioComponent();
            together.getConfiguration().setBaseUrl(baseUrl);
            together.getConfiguration().setApiKey("emulator-key");
            camel.addComponent("together-audio", together);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            String uri = "together-audio:transcribe?maxRetries=0&maxUploadSize=" + (bytes * 2);

            System.out.printf(Locale.ROOT, "Uploading %d MB, %d rounds each, to %s%n", sizeMb, rounds, baseUrl);
            curl(wav, baseUrl);
            component(template, uri, wav);
            List<Double> curlMbps = new ArrayList<>();
            List<Double> componentMbps = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                curlMbps.add(sizeMb / curl(wav, baseUrl));
                componentMbps.add(sizeMb / component(template, uri, wav));
                System.out.printf(Locale.ROOT, "round %d: curl %.0f MB/s, component %.0f MB/s%n", i + 1,
                        curlMbps.get(i), componentMbps.get(i));
            }
            double curlMedian = median(curlMbps);
            double componentMedian = median(componentMbps);
            System.out.printf(Locale.ROOT, "median: curl %.0f MB/s, component %.0f MB/s, ratio %.2f%n", curlMedian,
                    componentMedian, componentMedian / curlMedian);

            HeapSampler sampler = new HeapSampler();
            sampler.start();
            component(template, uri, wav);
            sampler.stop();
            System.out.printf(Locale.ROOT, "heap during a %d MB upload (-Xmx%d MB): baseline %.1f MB, peak %.1f MB, "
                    + "growth %.1f MB; allocated by all threads meanwhile: %.1f MB%n", sizeMb,
                    Runtime.getRuntime().maxMemory() >> 20, sampler.baseline / 1048576.0, sampler.peak.get() / 1048576.0,
                    (sampler.peak.get() - sampler.baseline) / 1048576.0, sampler.allocated / 1048576.0);
        } finally {
            emulator.close();
            Files.deleteIfExists(wav);
            Files.deleteIfExists(dir);
        }
    }

    private static double curl(Path wav, String baseUrl) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "-H", "Authorization: Bearer emulator-key", "-F", "model=openai/whisper-large-v3",
                "-F", "file=@" + wav + ";type=audio/wav", baseUrl + "/audio/transcriptions").start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (curl.waitFor() != 0 || !status.equals("200")) {
            throw new IllegalStateException("curl failed: " + status
                    + new String(curl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double component(ProducerTemplate template, String uri, Path wav) {
        long start = System.nanoTime();
        Exchange exchange = template.send(uri, e -> e.getMessage().setBody(wav.toFile()));
        if (exchange.getException() != null) {
            throw new IllegalStateException(exchange.getException());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** 48 kHz stereo 16-bit noise: real bytes on disk, so both clients read the same file the same way. */
    private static Path randomWav(Path path, long dataBytes) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes()).put("fmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 2).putInt(48_000).putInt(192_000).putShort((short) 4)
                .putShort((short) 16).put("data".getBytes()).putInt((int) dataBytes);
        byte[] block = new byte[1 << 20];
        ThreadLocalRandom.current().nextBytes(block);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.write(header.array());
            for (long written = 0; written < dataBytes; written += block.length) {
                file.write(block, 0, (int) Math.min(block.length, dataBytes - written));
            }
        }
        return path;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Used heap every 5 ms, the baseline taken after a full GC; and the bytes all threads allocated meanwhile, which
     * G1's region-sized used-heap figure is too coarse to show.
     */
}
