package io.cameltogether.audio.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.realtime.RealtimeException;
import io.cameltogether.audio.client.realtime.TranscriptEvent;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.realtime.RealtimeConsumer;

/**
 * Realtime figures, against the emulator in a JVM of its own:
 * <ol>
 * <li>throughput: an hour of 16 kHz speech streamed as fast as possible through one session, to its final
 * transcript;</li>
 * <li>live load: many sessions, each fed a 100 ms chunk every 100 ms as a telephony gateway would (the sessions'
 * chunks spread over the 100 ms, as independent calls arrive), measuring the time
 * the component adds from a chunk entering the producer to its frame leaving, and from a server event reaching the
 * session to the consumer's exchange; with the threads and heap that the load takes.</li>
 * </ol>
 * Run: {@code mvn -pl benchmarks -am package exec:exec -Dbenchmark=RealtimeBenchmark}.
 */
public final class RealtimeBenchmark {

    private static final int CHUNK_MS = 100;
    private static final int BYTES_PER_SECOND = 32_000;

    private RealtimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int audioMinutes = Integer.getInteger("audioMinutes", 60);
        int liveSeconds = Integer.getInteger("liveSeconds", 30);
        byte[] speech = speechWithPause();
        try (EmulatorProcess emulator = EmulatorProcess.start("--max-duration-seconds=1000000")) {
            throughput(emulator.baseUrl(), speech, audioMinutes);
            for (int sessions : new int[] { 10, 100 }) {
                liveLoad(emulator.baseUrl(), speech, sessions, liveSeconds);
            }
        }
    }

    private static void throughput(String baseUrl, byte[] speech, int minutes) throws Exception {
        try (CamelContext camel = camel(baseUrl)) {
            camel.start();
            long bytes = minutes * 60L * BYTES_PER_SECOND;
            long start = System.nanoTime();
            Exchange exchange = camel.createProducerTemplate().send(
                    "together-audio:realtime?pace=fast&outputFormat=result", ExchangePattern.InOut, e -> {
                        e.getMessage().setBody(new LoopingAudio(speech, bytes));
                        e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "long-call");
                    });
            double seconds = (System.nanoTime() - start) / 1e9;
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
            TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
            System.out.printf(Locale.ROOT, "throughput: %d min of audio through one session to its final transcript in "
                    + "%.1f s = %.0fx real time; %d turns transcribed (the sample has two a repetition: %d)%n", minutes,
                    seconds, minutes * 60 / seconds, result.segments().size(), 2 * bytes / speech.length);
        }
    }

    private static void liveLoad(String baseUrl, byte[] speech, int sessions, int seconds) throws Exception {
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        String uri = "together-audio:realtime?includeDeltas=true";
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        boolean[] measuring = { false }; // the first third of the run warms up the JIT and the connections
        ConcurrentLinkedQueue<Long> producerNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> consumerNanos = new ConcurrentLinkedQueue<>();
        try (CamelContext camel = camel(baseUrl)) {
            TogetherAudioEndpoint endpoint = camel.getEndpoint(uri, TogetherAudioEndpoint.class);
            // the endpoint's consumer, which takes the first timestamp the moment the session hands an event out
            RealtimeConsumer consumer = new RealtimeConsumer(endpoint, e -> {
                Long at = arrivals.remove(key(e.getMessage().getHeader(TogetherAudioConstants.SESSION_ID, String.class),
                        e.getMessage().getHeader(TogetherAudioConstants.ITEM_ID, String.class),
                        e.getMessage().getHeader(TogetherAudioConstants.FINAL, Boolean.class),
                        e.getMessage().getBody(String.class)));
                if (at != null && measuring[0]) {
                    consumerNanos.add(System.nanoTime() - at);
                }
            }) {
                @Override
                public void onTranscript(TranscriptEvent event) {
                    arrivals.put(key(event.sessionId(), event.itemId(), event.isFinal(), event.text()), System.nanoTime());
                    super.onTranscript(event);
                }

                @Override
                public void onError(RealtimeException error) {
                    System.out.println("error: " + error.getMessage());
                }
            };
            camel.start();
            consumer.start();
            AsyncProducer producer = endpoint.createAsyncProducer();
            producer.start();
            ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
            int chunkBytes = BYTES_PER_SECOND * CHUNK_MS / 1000;
            long[] offsets = new long[sessions];
            for (int s = 0; s < sessions; s++) {
                offsets[s] = (long) s * speech.length / sessions / 2 * 2; // sessions speak out of step
            }
            for (int s = 0; s < sessions; s++) {
                int session = s;
                // calls are independent: each session's chunks arrive at its own moment within the 100 ms
                feeder.scheduleAtFixedRate(() -> {
                    byte[] chunk = new byte[chunkBytes];
                    for (int i = 0; i < chunkBytes; i++) {
                        chunk[i] = speech[(int) ((offsets[session] + i) % speech.length)];
                    }
                    offsets[session] += chunkBytes;
                    Exchange exchange = new DefaultExchange(camel);
                    exchange.getMessage().setBody(chunk);
                    exchange.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "call-" + session);
                    long start = System.nanoTime();
                    producer.process(exchange, doneSync -> {
                        if (measuring[0]) {
                            producerNanos.add(System.nanoTime() - start);
                        }
                    });
                }, (long) session * CHUNK_MS * 1000 / sessions, CHUNK_MS * 1000L, TimeUnit.MICROSECONDS);
            }
            Thread.sleep(seconds * 333L);
            measuring[0] = true;
            Thread.sleep(seconds * 333L);
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            Thread.sleep(seconds * 333L);
            feeder.shutdownNow();
            producer.stop();
            consumer.stop();
            System.out.printf(Locale.ROOT, "live load, %d sessions fed 100 ms every 100 ms for %d s (the first third "
                    + "not measured):%n", sessions, seconds);
            System.out.printf(Locale.ROOT, "  producer, chunk in to frame out: %s over %d chunks%n",
                    percentiles(producerNanos), producerNanos.size());
            System.out.printf(Locale.ROOT, "  consumer, server event to exchange: %s over %d transcripts%n",
                    percentiles(consumerNanos), consumerNanos.size());
            System.out.printf(Locale.ROOT, "  threads: %d before Camel started, %d under load; heap after GC under load: "
                    + "%.1f MB%n", threadsBefore, threads, heap / 1048576.0);
        }
    }

    private static CamelContext camel(String baseUrl) {
        CamelContext camel = new DefaultCamelContext();
        TogetherAudioComponent together = new TogetherAudioComponent();
        together.getConfiguration().setBaseUrl(baseUrl);
        together.getConfiguration().setApiKey("emulator-key");
        together.getConfiguration().setFinalTranscriptQuiet(500);
        camel.addComponent("together-audio", together);
        return camel;
    }

    private static String key(String session, String item, Boolean isFinal, String text) {
        return session + "|" + item + "|" + isFinal + "|" + text;
    }

    private static String percentiles(ConcurrentLinkedQueue<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms",
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1) / 1e6,
                sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
    }

    /** The voicemail sample (7.7 s of speech with natural pauses) and a second of silence, as 16 kHz PCM. */
    private static byte[] speechWithPause() throws IOException, UnsupportedAudioFileException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(
                Path.of("../examples/transcribe-folder/samples/voicemail-anna.wav").toFile())) {
            if (!in.getFormat().matches(new AudioFormat(16_000, 16, 1, true, false))) {
                throw new IllegalStateException("expected 16 kHz mono 16-bit speech, got " + in.getFormat());
            }
            byte[] pcm = in.readAllBytes();
            byte[] withPause = new byte[pcm.length + BYTES_PER_SECOND];
            System.arraycopy(pcm, 0, withPause, 0, pcm.length);
            return withPause;
        }
    }

    /** The speech over and over, up to a length: hours of audio without holding them in memory. */
    private static final class LoopingAudio extends InputStream {
        private final byte[] pattern;
        private final long length;
        private long position;

        LoopingAudio(byte[] pattern, long length) {
            this.pattern = pattern;
            this.length = length;
        }

        @Override
        public int read() {
            return position < length ? pattern[(int) (position++ % pattern.length)] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            for (int i = 0; i < n; ) {
                int at = (int) (position % pattern.length);
                int run = Math.min(n - i, pattern.length - at);
                System.arraycopy(pattern, at, b, off + i, run);
                i += run;
                position += run;
            }
            return n;
        }
    }
}
