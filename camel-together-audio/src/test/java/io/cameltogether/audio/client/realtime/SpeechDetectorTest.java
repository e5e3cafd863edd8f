package io.cameltogether.audio.client.realtime;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * 16 kHz mono PCM (32 bytes a millisecond): pauses that need 300 ms of quiet, where a fence cuts no word; and
 * stretches of speech, ended by 200 ms of quiet, of at least 50 ms of loud audio.
 */
class SpeechDetectorTest {

    private static final int RATE = 16000;
    private static final int BYTES_PER_MS = 32;

    private final SpeechDetector detector = new SpeechDetector(RATE, 200, 300, 50, -50);

    /** A 440 Hz tone of this peak amplitude. */
    private static byte[] tone(int millis, double amplitude) {
        short[] samples = new short[millis * RATE / 1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        return pcm(samples);
    }

    private static byte[] speech(int millis) {
        return tone(millis, 8000);
    }

    private static byte[] silence(int millis) {
        return new byte[millis * BYTES_PER_MS];
    }

    /** Uniform noise within ±amplitude: ±50 is about -61 dBFS RMS. */
    private static byte[] noise(int millis, int amplitude) {
        Random random = new Random(42);
        short[] samples = new short[millis * RATE / 1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (random.nextInt(2 * amplitude + 1) - amplitude);
        }
        return pcm(samples);
    }

    private static byte[] pcm(short[] samples) {
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            pcm[2 * i] = (byte) samples[i];
            pcm[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return pcm;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private int pause(byte[] pcm) {
        return detector.feed(pcm).pauseAt();
    }

    @Test
    void aPauseEndsJustAfterTheQuietRunThatFollowsSpeech() {
        assertEquals(100 * BYTES_PER_MS + 300 * BYTES_PER_MS, pause(concat(speech(100), silence(500))));
    }

    @Test
    void aPauseCompletedAcrossTwoFeedsIsPlacedInTheSecond() {
        assertEquals(-1, pause(concat(speech(100), new byte[6000]))); // 187.5 ms of quiet: mid-block

        assertEquals(300 * BYTES_PER_MS - 6000, pause(silence(250)));
    }

    @Test
    void theLastOfTwoPausesInOneFeedIsReported() {
        byte[] pcm = concat(speech(100), silence(300), speech(100), silence(400));

        assertEquals(800 * BYTES_PER_MS, pause(pcm));
    }

    @Test
    void silenceBeforeAnySpeechIsNoPause() {
        assertEquals(-1, pause(silence(1000)));

        assertEquals(400 * BYTES_PER_MS, pause(concat(speech(100), silence(400))));
    }

    @Test
    void aSecondPauseNeedsSpeechInBetween() {
        assertEquals(400 * BYTES_PER_MS, pause(concat(speech(100), silence(300))));
        assertEquals(-1, pause(silence(1000)), "a longer silence is the same pause");

        assertEquals(350 * BYTES_PER_MS, pause(concat(speech(50), silence(500))));
    }

    @Test
    void aShortGapBetweenWordsIsNoPause() {
        assertEquals(-1, pause(concat(speech(100), silence(290), speech(100), silence(290))));
    }

    @Test
    void noiseBelowMinus50DbfsIsQuiet() {
        assertEquals(400 * BYTES_PER_MS, pause(concat(speech(100), noise(500, 50))));
    }

    @Test
    void aToneAtMinus40DbfsIsNotQuiet() {
        double minus40DbfsPeak = 32768 * Math.pow(10, -40 / 20.0) * Math.sqrt(2); // RMS of -40 dBFS

        assertEquals(-1, pause(concat(speech(100), tone(2000, minus40DbfsPeak))));
    }

    @Test
    void aStretchRunsFromItsFirstLoudBlockToItsLastOnceTheQuietAfterItIsLongEnough() {
        SpeechDetector.Marks first = detector.feed(concat(silence(100), speech(400), silence(150)));
        assertEquals(List.of(), first.ended(), "150 ms of quiet do not end it yet");
        assertEquals(100L * BYTES_PER_MS, first.openOnset());

        SpeechDetector.Marks second = detector.feed(silence(100));
        long fedBefore = 650L * BYTES_PER_MS;
        assertEquals(List.of(new SpeechDetector.Stretch(100L * BYTES_PER_MS - fedBefore, 500L * BYTES_PER_MS
                - fedBefore)), second.ended(), "offsets relative to the start of the feed that ended it");
        assertNull(second.openOnset());
    }

    @Test
    void aClickShorterThanTheMinimumSpeechIsNoStretch() {
        SpeechDetector.Marks marks = detector.feed(concat(speech(30), silence(400), speech(100), silence(300)));

        assertEquals(List.of(new SpeechDetector.Stretch(430L * BYTES_PER_MS, 530L * BYTES_PER_MS)), marks.ended());
    }

    @Test
    void aGapBetweenWordsShorterThanTheSilenceKeepsOneStretch() {
        SpeechDetector.Marks marks = detector.feed(concat(speech(200), silence(150), speech(200), silence(250)));

        assertEquals(List.of(new SpeechDetector.Stretch(0, 550L * BYTES_PER_MS)), marks.ended());
    }

    @Test
    void aLowerLevelHearsQuieterSpeech() {
        double minus55DbfsPeak = 32768 * Math.pow(10, -55 / 20.0) * Math.sqrt(2);
        byte[] quietSpeech = concat(tone(300, minus55DbfsPeak), silence(300));

        assertEquals(List.of(), detector.feed(quietSpeech).ended(), "under -50 dBFS: quiet");
        assertEquals(List.of(new SpeechDetector.Stretch(0, 300L * BYTES_PER_MS)),
                new SpeechDetector(RATE, 200, 300, 50, -60).feed(quietSpeech).ended());
    }
}
