package io.cameltogether.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Speech for realtime tests, as 16 kHz mono PCM or WAV files in other formats. */
public final class TestAudio {

    public static final int RATE = 16_000;

    private TestAudio() {
    }

    /** The spoken sentence of speech.wav (4.54 s), as 16 kHz mono 16-bit PCM. */
    public static byte[] speechPcm() {
        try {
            byte[] wav = Files.readAllBytes(Path.of("src/test/resources/audio/speech.wav"));
            return Arrays.copyOfRange(wav, 78, wav.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sentence three times, each followed by a second of silence: three speech turns in 16.6 s. */
    public static byte[] threeTurnsPcm() {
        byte[] speech = speechPcm();
        int turn = speech.length + RATE * 2;
        byte[] out = new byte[3 * turn];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(speech, 0, out, i * turn, speech.length);
        }
        return out;
    }

    /**
     * Silence of this length with a tone in each given span (start and end in milliseconds, in pairs), each at a
     * pitch of its own: speech turns that start and end exactly there, and that the emulator words differently.
     */
    public static byte[] toneTurns(int totalMillis, int... startEndMillis) {
        byte[] pcm = new byte[totalMillis * RATE / 1000 * 2];
        ByteBuffer out = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        for (int turn = 0; turn < startEndMillis.length / 2; turn++) {
            double hertz = 300 + 150 * turn;
            for (int i = startEndMillis[2 * turn] * RATE / 1000; i < startEndMillis[2 * turn + 1] * RATE / 1000; i++) {
                out.putShort(2 * i, (short) Math.round(6000 * Math.sin(2 * Math.PI * hertz * i / RATE)));
            }
        }
        return pcm;
    }

    /** A quarter second of the sentence as a 16 kHz WAV whose first sample is the number: a recording of its own. */
    public static byte[] numberedWav(int number) {
        byte[] pcm = Arrays.copyOf(speechPcm(), RATE / 2);
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).putInt(0, number);
        return wav(pcm, 1, 1, false);
    }

    /**
     * The same audio as a WAV of another rate, channel count and depth (16-bit integer or 32-bit float), made by
     * repeating samples, so its content and timing stay those of the 16 kHz original.
     */
    public static byte[] wav(byte[] pcm16k, int rateMultiple, int channels, boolean float32) {
        int samples = pcm16k.length / 2;
        int bytesPerSample = float32 ? 4 : 2;
        int dataBytes = samples * rateMultiple * channels * bytesPerSample;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) (float32 ? 3 : 1)).putShort((short) channels).putInt(RATE * rateMultiple)
                .putInt(RATE * rateMultiple * channels * bytesPerSample).putShort((short) (channels * bytesPerSample))
                .putShort((short) (bytesPerSample * 8)).put("data".getBytes()).putInt(dataBytes);
        ByteBuffer in = ByteBuffer.wrap(pcm16k).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            short s = in.getShort();
            for (int r = 0; r < rateMultiple * channels; r++) {
                if (float32) {
                    b.putFloat(s / 32768f);
                } else {
                    b.putShort(s);
                }
            }
        }
        return b.array();
    }
}
