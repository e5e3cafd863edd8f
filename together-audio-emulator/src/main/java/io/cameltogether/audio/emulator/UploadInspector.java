package io.cameltogether.audio.emulator;

import java.util.Arrays;
import java.util.zip.CRC32C;

import io.vertx.core.buffer.Buffer;

/**
 * Watches audio bytes go by without keeping them: counts them, checksums them, counts MP3 frames, finds the speech
 * in a WAV, and keeps the first and last 64 KB, which is all {@link AudioProbe} needs to tell the format and
 * duration.
 */
final class UploadInspector {

    static final int KEEP = 64 * 1024;

    private final byte[] head = new byte[KEEP];
    private final byte[] tail = new byte[KEEP];
    private final CRC32C crc = new CRC32C();
    private final Mp3FrameCounter mp3Frames = new Mp3FrameCounter();
    private final WavSpeech speech = new WavSpeech();
    private int headLength;
    private long tailEnd;
    private long total;

    void update(Buffer buffer) {
        byte[] bytes = buffer.getBytes();
        crc.update(bytes, 0, bytes.length);
        mp3Frames.update(bytes);
        speech.update(bytes);
        if (headLength < KEEP) {
            int n = Math.min(KEEP - headLength, bytes.length);
            System.arraycopy(bytes, 0, head, headLength, n);
            headLength += n;
        }
        // the ring keeps the last KEEP bytes: copy at most KEEP, in up to two runs around the end of the ring
        int from = Math.max(0, bytes.length - KEEP);
        while (from < bytes.length) {
            int at = (int) (tailEnd % KEEP);
            int run = Math.min(bytes.length - from, KEEP - at);
            System.arraycopy(bytes, from, tail, at, run);
            from += run;
            tailEnd += run;
        }
        total += bytes.length;
    }

    /** Seconds of audio in the MPEG Layer III frames seen, if the upload is an MP3; null if no frame was seen. */
    Double mp3FrameSeconds() {
        return mp3Frames.seconds();
    }

    /** Where the speech is, if the upload is a WAV whose samples could be read. */
    WavSpeech speech() {
        return speech;
    }

    long total() {
        return total;
    }

    long crc32c() {
        return crc.getValue();
    }

    byte[] head() {
        return Arrays.copyOf(head, headLength);
    }

    /** The last bytes seen, oldest first. */
    byte[] tail() {
        int n = (int) Math.min(tailEnd, KEEP);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = tail[(int) ((tailEnd - n + i) % KEEP)];
        }
        return out;
    }
}
