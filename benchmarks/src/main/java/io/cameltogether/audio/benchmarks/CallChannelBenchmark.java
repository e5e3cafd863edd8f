package io.cameltogether.audio.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.result.SpeakerSegment;
import io.cameltogether.audio.client.result.TranscriptionResult;

/**
 * A long stereo G.711 call recording (the test suite's 12 s agent/customer call, espeak-ng voices, repeated for
 * {@code audioHours}) through one exchange each way, side by side in one run: sent mixed (one request; the API mixes
 * the parties) and with {@code channels=separate} (a mono request per party, merged into named turns), each at the
 * API's limits and with {@code partDuration=10m}. The emulator, in its own JVM, takes {@code processingPerHour}
 * seconds per hour of audio to answer. Prints requests, wall time, turns and the peak heap of this JVM.
 * Run: {@code mvn -pl benchmarks -am package exec:exec -Dbenchmark=CallChannelBenchmark -DaudioHours=1}.
 */
public final class CallChannelBenchmark {

    private static final Path CALL = Path.of("../camel-together-audio/src/test/resources/audio/call-stereo-ulaw.wav");

    private CallChannelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double hours = Double.parseDouble(System.getProperty("audioHours", "1"));
        double processingPerHour = Double.parseDouble(System.getProperty("processingPerHour", "10"));
        Path dir = Files.createTempDirectory("call-channel-benchmark");
        Path call = RepeatedWav.write(CALL, dir.resolve("call.wav"), hours);
        System.out.printf(Locale.ROOT, "%.1f h stereo G.711 call: %d MB; the emulator answers in %.0f s per audio "
                + "hour%n", hours, Files.size(call) >> 20, processingPerHour);
        EmulatorProcess emulator = EmulatorProcess.start("--processing-seconds-per-audio-hour=" + processingPerHour);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            TogetherAudioComponent together = new TogetherAudioComponent();
            together.getConfiguration().setBaseUrl(emulator.baseUrl());
            together.getConfiguration().setApiKey("emulator-key");
            camel.addComponent("together-audio", together);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            System.out.println("| sent | split | requests | wall s | turns | named turns | peak heap MB (-Xmx"
                    + (Runtime.getRuntime().maxMemory() >> 20) + "m) |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
            for (String split : List.of("", "&partDuration=10m")) {
                run(template, call, "mixed", split);
                run(template, call, "separate&channelNames=agent,customer", split);
            }
        } finally {
            emulator.close();
            Files.deleteIfExists(call);
            Files.deleteIfExists(dir);
        }
    }

    private static void run(ProducerTemplate template, Path call, String channels, String split)
            throws InterruptedException {
        HeapSampler heap = new HeapSampler();
        heap.start();
        long started = System.nanoTime();
        Exchange exchange = template.send("together-audio:transcribe?outputFormat=result&requestTimeout=30m"
                + "&maxConcurrentRequests=8&channels=" + channels + split, e -> e.getMessage().setBody(call));
        double wall = (System.nanoTime() - started) / 1e9;
        heap.stop();
        if (exchange.getException() != null) {
            throw new IllegalStateException(channels + split + " failed", exchange.getException());
        }
        TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
        int requests = exchange.getMessage().getHeader(TogetherAudioConstants.RESPONSE_ID, String.class)
                .split(",").length;
        long named = result.speakerSegments().stream().map(SpeakerSegment::speakerId)
                .filter(s -> s.equals("agent") || s.equals("customer")).count();
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %d | %d | %.1f |%n",
                channels.startsWith("mixed") ? "mixed" : "per channel",
                split.isEmpty() ? "at the API's limits" : "partDuration=10m", requests, wall,
                result.speakerSegments().size(), named, heap.peak.get() / 1048576.0);
    }
}
