package io.cameltogether.audio.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.result.Segment;
import io.cameltogether.audio.client.result.TranscriptionResult;

/**
 * One long WAV (real speech, the test suite's 33 s conversation repeated, 16 kHz mono) through one exchange each
 * way: at the API's limits (parts of up to 4 hours) and with {@code partDuration=30m}, each with its parts sent side
 * by side and one after another ({@code maxConcurrentRequests=1}). The emulator, in its own JVM, takes
 * {@code processingPerHour} seconds per hour of audio to answer, as a real service takes time in proportion to
 * the audio. Prints wall time, parts, the stitched duration and the peak heap of this JVM.
 * Run: {@code mvn -pl benchmarks -am package exec:exec -Dbenchmark=LongRecordingBenchmark -DaudioHours=6}.
 */
public final class LongRecordingBenchmark {

    private static final Path CONVERSATION =
            Path.of("../camel-together-audio/src/test/resources/audio/conversation.wav");

    private LongRecordingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double hours = Double.parseDouble(System.getProperty("audioHours", "6"));
        double processingPerHour = Double.parseDouble(System.getProperty("processingPerHour", "10"));
        Path dir = Files.createTempDirectory("long-recording-benchmark");
        Path wav = speech(dir.resolve("hearing.wav"), hours);
        System.out.printf(Locale.ROOT, "%.1f h of speech, %d MB; the emulator answers in %.0f s per audio hour%n",
                hours, Files.size(wav) >> 20, processingPerHour);
        EmulatorProcess emulator = EmulatorProcess.start("--processing-seconds-per-audio-hour=" + processingPerHour);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            TogetherAudioComponent together = new TogetherAudioComponent();
            together.getConfiguration().setBaseUrl(emulator.baseUrl());
            together.getConfiguration().setApiKey("emulator-key");
            camel.addComponent("together-audio", together);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            System.out.println("| split | parts sent | parts | wall s | stitched duration h | peak heap MB (-Xmx"
                    + (Runtime.getRuntime().maxMemory() >> 20) + "m) |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            for (String split : List.of("", "&partDuration=30m")) {
                String label = split.isEmpty() ? "at the API's limits" : "partDuration=30m";
                run(template, wav, hours, label, "side by side", split + "&maxConcurrentRequests=12");
                run(template, wav, hours, label, "one after another", split + "&maxConcurrentRequests=1");
            }
        } finally {
            emulator.close();
            Files.deleteIfExists(wav);
            Files.deleteIfExists(dir);
        }
    }

    private static void run(ProducerTemplate template, Path wav, double hours, String label, String mode,
                            String options) throws InterruptedException {
        HeapSampler heap = new HeapSampler();
        heap.start();
        long started = System.nanoTime();
        Exchange exchange = template.send("together-audio:transcribe?outputFormat=result&requestTimeout=30m"
                + options, e -> e.getMessage().setBody(wav));
        double wall = (System.nanoTime() - started) / 1e9;
        heap.stop();
        if (exchange.getException() != null) {
            throw new IllegalStateException(label + ", " + mode + " failed", exchange.getException());
        }
        TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
        checkContinuous(result, hours);
        int parts = exchange.getMessage().getHeader(TogetherAudioConstants.RESPONSE_ID, String.class).split(",").length;
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %.4f | %.1f |%n", label, mode, parts, wall,
                result.duration() / 3600, heap.peak.get() / 1048576.0);
    }

    /** The stitched transcript covers the whole recording, its segments in order on one clock. */
    private static void checkContinuous(TranscriptionResult result, double hours) {
        if (Math.abs(result.duration() - hours * 3600) > 0.01) {
            throw new IllegalStateException("stitched duration " + result.duration() + " s, expected " + hours * 3600);
        }
        List<Segment> segments = result.segments();
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).start() < segments.get(i - 1).end() || segments.get(i).id() != i) {
                throw new IllegalStateException("segments out of order at " + segments.get(i));
            }
        }
        if (segments.get(segments.size() - 1).end() < hours * 3600 - 10) {
            throw new IllegalStateException("the last segment ends at " + segments.get(segments.size() - 1).end());
        }
    }

    /** The conversation repeated for the given hours, streamed to disk by the JDK's WAV writer. */
    private static Path speech(Path target, double hours) throws Exception {
        AudioFormat format;
        byte[] pcm;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(
                Files.newInputStream(CONVERSATION)))) {
            format = in.getFormat();
            pcm = in.readAllBytes();
        }
        long frames = (long) (hours * 3600 * format.getFrameRate());
        // enough copies to fill the hours: a SequenceInputStream closes every element left, so it must end
        long copies = frames * format.getFrameSize() / pcm.length + 1;
        InputStream repeated = new SequenceInputStream(Collections.enumeration(
                Collections.nCopies((int) copies, pcm).stream().map(ByteArrayInputStream::new).toList()));
        try (AudioInputStream speech = new AudioInputStream(repeated, format, frames)) {
            AudioSystem.write(speech, AudioFileFormat.Type.WAVE, target.toFile());
        }
        return target;
    }
}
