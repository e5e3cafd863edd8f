package io.cameltogether.audio.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.request.AudioSource;
import io.cameltogether.audio.client.result.Segment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.split.RecordingSplitter;

/**
 * A long WAV and a long MP3 of real speech (the test suite's 33 s conversation repeated, 16 kHz mono), each
 * through one exchange each way: at the API's limits (parts of up to 4 hours) and with {@code partDuration=30m},
 * each with its parts sent side by side and one after another ({@code maxConcurrentRequests=1}). The emulator, in
 * its own JVM, takes {@code processingPerHour} seconds per hour of audio to answer, as a real service takes time
 * in proportion to the audio. Prints wall time, parts, the stitched duration and the peak heap of this JVM.
 * Run: {@code mvn -pl benchmarks -am package exec:exec -Dbenchmark=LongRecordingBenchmark -DaudioHours=6}.
 */
public final class LongRecordingBenchmark {

    private static final Path CONVERSATION =
            Path.of("../camel-together-audio/src/test/resources/audio/conversation.wav");

    private static final int[] MPEG2_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};

    private LongRecordingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double hours = Double.parseDouble(System.getProperty("audioHours", "6"));
        double processingPerHour = Double.parseDouble(System.getProperty("processingPerHour", "10"));
        Path dir = Files.createTempDirectory("long-recording-benchmark");
        Path wav = RepeatedWav.write(CONVERSATION, dir.resolve("hearing.wav"), hours);
        Path mp3 = mp3Speech(dir.resolve("hearing.mp3"), hours);
        System.out.printf(Locale.ROOT, "%.1f h of speech: WAV %d MB, MP3 %d MB; the emulator answers in %.0f s per "
                + "audio hour%n", hours, Files.size(wav) >> 20, Files.size(mp3) >> 20, processingPerHour);
        cuttingCost(mp3, hours);
        EmulatorProcess emulator = EmulatorProcess.start("--processing-seconds-per-audio-hour=" + processingPerHour);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            TogetherAudioComponent together = new TogetherAudioComponent();
            together.getConfiguration().setBaseUrl(emulator.baseUrl());
            together.getConfiguration().setApiKey("emulator-key");
            camel.addComponent("together-audio", together);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            System.out.println("| recording | split | parts sent | parts | wall s | stitched duration h | peak heap MB "
                    + "(-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m) |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
            for (Path recording : List.of(wav, mp3)) {
                for (String split : List.of("", "&partDuration=30m")) {
                    String label = recording.getFileName() + " | "
                            + (split.isEmpty() ? "at the API's limits" : "partDuration=30m");
                    double duration = recording == wav ? hours * 3600 : mp3Seconds;
                    run(template, recording, duration, label, "side by side", split + "&maxConcurrentRequests=12");
                    run(template, recording, duration, label, "one after another", split + "&maxConcurrentRequests=1");
                }
            }
        } finally {
            emulator.close();
            Files.deleteIfExists(wav);
            Files.deleteIfExists(mp3);
            Files.deleteIfExists(dir);
        }
    }

    private static void run(ProducerTemplate template, Path recording, double seconds, String label, String mode,
                            String options) throws InterruptedException {
        HeapSampler heap = new HeapSampler();
        heap.start();
        long started = System.nanoTime();
        Exchange exchange = template.send("together-audio:transcribe?outputFormat=result&requestTimeout=30m"
                + options, e -> e.getMessage().setBody(recording));
        double wall = (System.nanoTime() - started) / 1e9;
        heap.stop();
        if (exchange.getException() != null) {
            throw new IllegalStateException(label + ", " + mode + " failed", exchange.getException());
        }
        TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
        checkContinuous(result, seconds);
        int parts = exchange.getMessage().getHeader(TogetherAudioConstants.RESPONSE_ID, String.class).split(",").length;
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %.4f | %.1f |%n", label, mode, parts, wall,
                result.duration() / 3600, heap.peak.get() / 1048576.0);
    }

    /** The stitched transcript covers the whole recording, its segments in order on one clock. */
    private static void checkContinuous(TranscriptionResult result, double seconds) {
        if (Math.abs(result.duration() - seconds) > 0.01) {
            throw new IllegalStateException("stitched duration " + result.duration() + " s, expected " + seconds);
        }
        List<Segment> segments = result.segments();
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).start() < segments.get(i - 1).end() || segments.get(i).id() != i) {
                throw new IllegalStateException("segments out of order at " + segments.get(i));
            }
        }
        if (segments.get(segments.size() - 1).end() < seconds - 10) {
            throw new IllegalStateException("the last segment ends at " + segments.get(segments.size() - 1).end());
        }
    }

    /**
     * What finding the MP3's cuts costs: the splitter walks every frame's header and decodes the 20 s before each
     * limit to find a pause; beside it, what decoding the whole recording would cost.
     */
    private static void cuttingCost(Path mp3, double hours) throws Exception {
        long started = System.nanoTime();
        int parts = new RecordingSplitter(Duration.ofHours(4), 80_000_000L, Duration.ofMinutes(30))
                .split(AudioSource.file(mp3, null, null)).orElseThrow().size();
        double cutting = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        long frames = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(mp3), 1 << 16)) {
            Bitstream bitstream = new Bitstream(in);
            Decoder decoder = new Decoder();
            for (Header header = bitstream.readFrame(); header != null; header = bitstream.readFrame()) {
                decoder.decodeFrame(header, bitstream);
                bitstream.closeFrame();
                frames++;
            }
        }
        double decoding = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "| cutting the MP3 into 30 min parts (%d parts) | %.2f s | %.3f s per audio "
                + "hour |%n| decoding all of it (JLayer, %d frames) | %.1f s | %.2f s per audio hour |%n", parts,
                cutting, cutting / hours, frames, decoding, decoding / hours);
    }

    /** Seconds of audio in the MP3 written by {@link #mp3Speech}. */
    private static double mp3Seconds;

    /**
     * The conversation's MP3 frames (LAME VBR, MPEG-2 Layer III, 16 kHz: 919 frames of 576 samples, after an ID3v2
     * tag and a Xing frame, before an ID3v1 tag) repeated for the given hours.
     */
    private static Path mp3Speech(Path target, double hours) throws IOException {
        byte[] mp3 = Files.readAllBytes(CONVERSATION.resolveSibling("conversation.mp3"));
        int xing = 10 + ((mp3[6] & 0x7F) << 21 | (mp3[7] & 0x7F) << 14 | (mp3[8] & 0x7F) << 7 | (mp3[9] & 0x7F));
        int xingLength = 72_000 * MPEG2_KBPS[(mp3[xing + 2] & 0xF0) >> 4] / 16_000 + ((mp3[xing + 2] >> 1) & 1);
        byte[] frames = Arrays.copyOfRange(mp3, xing + xingLength, mp3.length - 128);
        double copySeconds = 919 * 576 / 16_000.0;
        long copies = (long) Math.ceil(hours * 3600 / copySeconds);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            for (long i = 0; i < copies; i++) {
                out.write(frames);
            }
        }
        mp3Seconds = copies * copySeconds;
        return target;
    }
}
