package io.cameltogether.examples.kafkascaleout;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Live calls as a telephony gateway puts them on Kafka: each call's audio in half-second chunks keyed by the call
 * id, each chunk with its position in the call, then an end-of-call record. A call is numbered sentences: after a
 * lead-in of silence, sentence {@code n} (from 0) starts {@code n} slots of {@value #SLOT_MS} ms on and is silence
 * after its speech, so a transcript's start in the call tells which sentence it is.
 */
public final class LiveCalls {

    public static final int SLOT_MS = 4000;
    private static final int CHUNK_MS = 500;
    private static final int BYTES_PER_MS = 32; // 16 kHz, 16-bit, mono
    /** The three sentences of the sample voicemail, in ms: each shorter than a slot, one speech turn each. */
    private static final int[][] SENTENCES_MS = {{0, 2100}, {2200, 4900}, {5000, 7400}};

    private final List<byte[]> sentences;

    private LiveCalls(List<byte[]> sentences) {
        this.sentences = sentences;
    }

    /** Calls made of the sentences of a recording (the example's voicemail), converted by the JDK. */
    public static LiveCalls of(Path voicemail) throws IOException {
        byte[] pcm;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(voicemail));
             AudioInputStream source = AudioSystem.getAudioInputStream(file);
             AudioInputStream converted = AudioSystem.getAudioInputStream(
                     new AudioFormat(16_000, 16, 1, true, false), source)) {
            pcm = converted.readAllBytes();
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(voicemail + " is not a WAV the JDK reads", e);
        }
        byte[] whole = pcm;
        return new LiveCalls(Arrays.stream(SENTENCES_MS)
                .map(ms -> Arrays.copyOfRange(whole, ms[0] * BYTES_PER_MS,
                        Math.min(whole.length, ms[1] * BYTES_PER_MS)))
                .toList());
    }

    /** A call of this many sentences after {@code leadInMs} of silence, each at the start of its slot. */
    public byte[] call(int sentenceCount, int leadInMs) {
        byte[] call = new byte[(leadInMs + sentenceCount * SLOT_MS) * BYTES_PER_MS];
        for (int n = 0; n < sentenceCount; n++) {
            byte[] sentence = sentences.get(n % sentences.size());
            System.arraycopy(sentence, 0, call, (leadInMs + n * SLOT_MS) * BYTES_PER_MS, sentence.length);
        }
        return call;
    }

    /**
     * The sentence of a call with this lead-in that a transcript starting this far into the call belongs to (speech
     * is padded a little before).
     */
    public static int sentenceAt(long startMs, int leadInMs) {
        return (int) Math.floorDiv(startMs - leadInMs + SLOT_MS / 4, SLOT_MS);
    }

    /**
     * Streams the calls side by side, a chunk of each in turn, at {@code speed} times the pace they are spoken
     * (1 for live calls), then ends each.
     */
    public static void stream(KafkaCluster cluster, Map<String, byte[]> calls, double speed) throws Exception {
        int chunkBytes = CHUNK_MS * BYTES_PER_MS;
        int longest = calls.values().stream().mapToInt(a -> a.length).max().orElse(0);
        long begun = System.nanoTime();
        for (int at = 0, chunk = 0; at < longest; at += chunkBytes, chunk++) {
            for (Map.Entry<String, byte[]> call : calls.entrySet()) {
                if (at < call.getValue().length) {
                    cluster.publish(LiveCallRoutes.CALL_AUDIO, call.getKey(), Arrays.copyOfRange(call.getValue(), at,
                            Math.min(call.getValue().length, at + chunkBytes)),
                            Map.of(LiveCallRoutes.POSITION_HEADER, Integer.toString(at / BYTES_PER_MS)));
                }
            }
            long due = begun + (long) ((chunk + 1) * CHUNK_MS * 1_000_000L / speed);
            Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
        }
        for (String callId : calls.keySet()) {
            cluster.publish(LiveCallRoutes.CALL_AUDIO, callId, new byte[0], Map.of(LiveCallRoutes.END_HEADER, "true"));
        }
    }
}
