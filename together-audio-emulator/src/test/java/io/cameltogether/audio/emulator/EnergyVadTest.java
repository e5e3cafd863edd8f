package io.cameltogether.audio.emulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emulator hears ordinary speech at the API's default settings, and not a quiet room. */
class EnergyVadTest {

    private static final int RATE = 16_000;

    /** Five 180 ms words of a 140 Hz voice at -40 dBFS, 120 ms apart, then a second of digital silence. */
    private static byte[] quietSentence() {
        ByteBuffer pcm = ByteBuffer.allocate(RATE * 3 * 2).order(ByteOrder.LITTLE_ENDIAN);
        double amplitude = 32768 * Math.pow(10, -40 / 20.0) * Math.sqrt(2); // RMS at -40 dBFS
        for (int word = 0; word < 5; word++) {
            for (int i = 0; i < RATE * 180 / 1000; i++) {
                pcm.putShort((short) (amplitude * Math.sin(2 * Math.PI * 140 * i / RATE)));
            }
            pcm.position(pcm.position() + RATE * 120 / 1000 * 2);
        }
        return pcm.array();
    }

    @Test
    void quietSpeechWithPausesBetweenWordsIsOneTurnAtTheDefaultThreshold() {
        List<EnergyVad.Turn> turns = new EnergyVad(RATE, new EnergyVad.Settings()).feed(quietSentence());

        assertEquals(1, turns.size(), "one turn: " + turns);
        double start = turns.get(0).startSample() / (double) RATE;
        double end = turns.get(0).endSample() / (double) RATE;
        assertEquals(0, start, 0.01, "padded back to the first word");
        assertTrue(end > 1.38 && end < 1.7, "ends after the last word, padded: " + end);
    }

    @Test
    void aQuietRoomIsNotSpeech() {
        byte[] noise = new byte[RATE * 2 * 3];
        Random random = new Random(1);
        ByteBuffer pcm = ByteBuffer.wrap(noise).order(ByteOrder.LITTLE_ENDIAN);
        double rms = 32768 * Math.pow(10, -62 / 20.0);
        while (pcm.remaining() >= 2) {
            pcm.putShort((short) (random.nextGaussian() * rms));
        }
        EnergyVad vad = new EnergyVad(RATE, new EnergyVad.Settings());

        assertTrue(vad.feed(noise).isEmpty());
        assertEquals(null, vad.commit(), "nothing to commit either");
    }

    @Test
    void aSilenceLongerThanMinSilenceSeparatesTurns() {
        byte[] sentence = quietSentence();
        byte[] twice = new byte[sentence.length * 2];
        System.arraycopy(sentence, 0, twice, 0, sentence.length);
        System.arraycopy(sentence, 0, twice, sentence.length, sentence.length);

        assertEquals(2, new EnergyVad(RATE, new EnergyVad.Settings()).feed(twice).size());
    }
}
