package io.cameltogether.audio.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.realtime.SessionEvent;
import io.cameltogether.audio.emulator.RealtimeFault;
import io.cameltogether.audio.emulator.TogetherAudioEmulator;

/**
 * The realtime reconnect soak: a recording of numbered spoken sentences (espeak-ng, one every 5 s) streamed through
 * realtime sessions while the emulator drops every connection after 30 s of audio, with and without the optional
 * timing fields in its transcription events (on a consumed-speech clock, as the live server's), with and without
 * the processed watermark, at real-time pace and as fast as flow control allows, with 1 and 10 sessions at once. Each cell counts the turns a clean run yields, the final transcripts the consumer received,
 * those missing and those received twice, the reconnects, and the audio reported lost. The target in every cell:
 * 0 missing and 0 twice, or a reported gap that accounts for what is missing.
 *
 * <p>Needs espeak-ng and sox on the PATH. Run:
 * {@code mvn -pl benchmarks -am package exec:exec -DskipTests -Dbenchmark=RealtimeReconnectSoak -Dsentences=24}.
 */
public final class RealtimeReconnectSoak {

    private static final int RATE = 16_000;
    private static final int SENTENCE_EVERY_SECONDS = 5;
    private static final int DROP_AFTER_APPENDS = 300; // 30 s of 100 ms appends

    private RealtimeReconnectSoak() {
    }

    public static void main(String[] args) throws Exception {
        int sentences = Integer.getInteger("sentences", 24);
        byte[] recording = numberedSentences(sentences);
        System.out.printf(Locale.ROOT, "recording: %d sentences, %.0f s%n", sentences, recording.length / 2.0 / RATE);
        System.out.println("| events | processed | pace | sessions | expected turns | received | missing | twice "
                + "| reconnects | gaps reported (ms) | wall (s) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        try (TogetherAudioEmulator emulator = new TogetherAudioEmulator().withRequestRecording(false).start()) {
            for (boolean bare : new boolean[] { false, true }) {
                for (boolean processed : new boolean[] { false, true }) {
                    emulator.reset();
                    emulator.withBareTranscriptionEvents(bare).withProcessedEvents(processed);
                    Cell clean = run(emulator, recording, "fast", 1, false);
                    List<String> expected = clean.finals.values().iterator().next();
                    for (String pace : new String[] { "realtime", "fast" }) {
                        for (int sessions : new int[] { 1, 10 }) {
                            emulator.reset();
                            emulator.withBareTranscriptionEvents(bare).withProcessedEvents(processed);
                            print(bare, processed, pace, sessions, expected,
                                    run(emulator, recording, pace, sessions, true));
                        }
                    }
                }
            }
        }
    }

    /** What the consumer received in one cell, per session. */
    private record Cell(Map<String, List<String>> finals, AtomicLong reconnects, AtomicLong gapMillis,
                        double wallSeconds) {
    }

    private static Cell run(TogetherAudioEmulator emulator, byte[] recording, String pace, int sessions,
                            boolean drops) throws Exception {
        if (drops) {
            int connections = sessions * (recording.length / (2 * RATE) / 30 + 10);
            for (int i = 0; i < connections; i++) {
                emulator.enqueue(RealtimeFault.dropAfterAppends(DROP_AFTER_APPENDS));
            }
        }
        Map<String, List<String>> finals = new ConcurrentHashMap<>();
        AtomicLong reconnects = new AtomicLong();
        AtomicLong gapMillis = new AtomicLong();
        String uri = "together-audio:realtime?pace=" + pace + "&includeSessionEvents=true";
        long start = System.nanoTime();
        try (CamelContext camel = new DefaultCamelContext()) {
            TogetherAudioComponent together = new TogetherAudioComponent();
            together.getConfiguration().setBaseUrl(emulator.baseUrl());
            together.getConfiguration().setApiKey(emulator.apiKey());
            camel.addComponent("together-audio", together);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).process(e -> record(e, finals, reconnects, gapMillis));
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            List<CompletableFuture<Exchange>> calls = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                String sessionId = "call-" + s;
                finals.put(sessionId, new CopyOnWriteArrayList<>());
                calls.add(template.asyncSend(uri, e -> {
                    e.setPattern(ExchangePattern.InOut);
                    e.getMessage().setBody(new ByteArrayInputStream(recording));
                    e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, sessionId);
                }));
            }
            for (CompletableFuture<Exchange> call : calls) {
                Exchange done = call.join();
                if (done.getException() != null) {
                    System.out.println("  a call failed: " + done.getException());
                }
            }
        } // stopping the context closes the sessions and delivers what is in flight
        return new Cell(finals, reconnects, gapMillis, (System.nanoTime() - start) / 1e9);
    }

    private static void record(Exchange e, Map<String, List<String>> finals, AtomicLong reconnects,
                               AtomicLong gapMillis) {
        Object body = e.getMessage().getBody();
        if (body instanceof SessionEvent event) {
            if (event.type() == SessionEvent.Type.RECONNECTED) {
                reconnects.incrementAndGet();
            } else if (event.type() == SessionEvent.Type.AUDIO_GAP) {
                gapMillis.addAndGet(event.millis());
            }
        } else if (Boolean.TRUE.equals(e.getMessage().getHeader(TogetherAudioConstants.FINAL, Boolean.class))) {
            finals.get(e.getMessage().getHeader(TogetherAudioConstants.SESSION_ID, String.class))
                    .add(e.getMessage().getBody(String.class));
        }
    }

    private static void print(boolean bare, boolean processed, String pace, int sessions, List<String> expected,
                              Cell cell) {
        long received = 0;
        long missing = 0;
        long twice = 0;
        for (List<String> got : cell.finals.values()) {
            received += got.size();
            Map<String, Integer> balance = new HashMap<>();
            expected.forEach(t -> balance.merge(t, 1, Integer::sum));
            got.forEach(t -> balance.merge(t, -1, Integer::sum));
            for (int left : balance.values()) {
                missing += Math.max(0, left);
                twice += Math.max(0, -left);
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %d | %d | %d | %d | %.1f |%n",
                bare ? "bare {type, transcript}" : "consumed-speech start/duration", processed ? "yes" : "no", pace,
                sessions,
                (long) expected.size() * sessions, received, missing, twice, cell.reconnects.get(),
                cell.gapMillis.get(), cell.wallSeconds);
    }

    /** 16 kHz mono PCM with "Sentence number N ..." spoken every 5 s, cached under target/. */
    static byte[] numberedSentences(int count) throws IOException, InterruptedException {
        Path cached = Path.of("target", "numbered-sentences-" + count + ".pcm");
        if (Files.exists(cached)) {
            return Files.readAllBytes(cached);
        }
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        byte[] slot = new byte[SENTENCE_EVERY_SECONDS * RATE * 2];
        for (int n = 1; n <= count; n++) {
            byte[] spoken = speak("Sentence number " + n + ". The delivery arrives at gate " + (n % 9 + 1) + ".");
            byte[] padded = slot.clone();
            System.arraycopy(spoken, 0, padded, RATE / 5 * 2, Math.min(spoken.length, padded.length - RATE / 5 * 2));
            pcm.write(padded);
        }
        Files.createDirectories(cached.getParent());
        Files.write(cached, pcm.toByteArray());
        return pcm.toByteArray();
    }

    private static byte[] speak(String text) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", "espeak-ng -v en-us -s 165 --stdout \"$0\" | "
                + "sox -t wav - -r 16000 -c 1 -b 16 -e signed-integer -t raw -", text)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] pcm;
        try (InputStream out = process.getInputStream()) {
            pcm = out.readAllBytes();
        }
        if (process.waitFor() != 0 || pcm.length == 0) {
            throw new IOException("espeak-ng and sox are needed to make the recording (apt-get install espeak-ng sox)");
        }
        return pcm;
    }
}
