package io.cameltogether.audio.client.request;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.cameltogether.audio.client.AudioValidationException;

/**
 * Checks what a WAV's {@code fmt } chunk declares before any of it is sent, the same way for batch and realtime: a
 * rate under 4 kHz is no speech the API transcribes (and a rate of 0 would make a stream endless), and a frame of
 * no bytes (no channels, or no bits) holds no audio. A header this check cannot find is left to the reader or the
 * API to judge.
 */
public final class WavHeader {

    /** How far into the file the {@code fmt } chunk is looked for. */
    public static final int SEARCHED_BYTES = 4096;
    /** The lowest rate accepted: below telephone audio's 8 kHz there is no speech to transcribe. */
    static final int MIN_SAMPLE_RATE = 4000;

    private WavHeader() {
    }

    /** Reads the head of a stream that supports mark and reset, checks it, and rewinds the stream. */
    public static void check(InputStream markable) throws IOException {
        markable.mark(SEARCHED_BYTES);
        byte[] head = markable.readNBytes(SEARCHED_BYTES);
        markable.reset();
        check(head);
    }

    /** Checks the first bytes of a file that may be a WAV; anything else passes. */
    public static void check(byte[] head) {
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (head.length < 12 || !tag(head, 0).equals("RIFF") || !tag(head, 8).equals("WAVE")) {
            return;
        }
        for (long chunk = 12; chunk + 8 <= head.length; ) {
            int at = (int) chunk;
            long size = b.getInt(at + 4) & 0xFFFFFFFFL;
            if (tag(head, at).equals("fmt ")) {
                if (at + 24 <= head.length) {
                    checkFormat(b.getShort(at + 10) & 0xFFFF, b.getInt(at + 12) & 0xFFFFFFFFL,
                            b.getShort(at + 20) & 0xFFFF, b.getShort(at + 22) & 0xFFFF);
                }
                return;
            }
            chunk += 8 + size + (size & 1);
        }
    }

    /**
     * Checks what a WAV declares, wherever it was read from (its header here, or the JDK's reading of a header this
     * class could not find in the first bytes).
     */
    public static void checkFormat(int channels, long sampleRate, int blockAlign, int bitsPerSample) {
        if (sampleRate < MIN_SAMPLE_RATE) {
            throw new AudioValidationException(String.format(Locale.ROOT, "the WAV header declares a sample rate of "
                    + "%d Hz: the API takes audio of %d Hz or more (telephone audio is 8000 Hz, speech recordings "
                    + "16000 Hz or more); fix the header or convert the audio, e.g. ffmpeg -i in.wav -ar 16000 out.wav",
                    sampleRate, MIN_SAMPLE_RATE));
        }
        if (channels == 0 || blockAlign == 0 || bitsPerSample == 0) {
            throw new AudioValidationException("the WAV header declares frames of no audio (" + channels
                    + " channel(s), " + bitsPerSample + " bits a sample, " + blockAlign + " bytes a frame): a WAV "
                    + "needs at least one channel of samples of 8 bits or more; fix the header or convert the audio");
        }
    }

    private static String tag(byte[] head, int at) {
        return new String(head, at, 4, StandardCharsets.ISO_8859_1);
    }
}
