package io.cameltogether.audio.client.split;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.cameltogether.audio.client.request.AudioSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MP3 parts judged by what a decoder (JLayer) makes of them, on the conversation over a noise floor in the shapes MP3
 * files come in (made by {@code mp3-fixtures.sh}): MPEG-1, 2 and 2.5, mono and stereo, constant and variable bitrate,
 * 8 to 48 kHz, every one drawing on the bit reservoir. With a noise floor a constant-bitrate encoder spends as many
 * bits on pauses as on words, so only the frames' gain tells them apart.
 */
class Mp3PartsDecodedTest {

    private static final Path AUDIO = Path.of("src/test/resources/audio");
    static List<String> recordings() {
        return List.of("conversation-noise-cbr64.mp3", "conversation-noise-8k-vbr.mp3",
                "conversation-noise-44k-stereo-vbr.mp3", "conversation-noise-48k-stereo-cbr96.mp3");
    }

    /** Decoded once per recording: every test compares against it. */
    private static final Map<String, DecodedMp3> WHOLE = new ConcurrentHashMap<>();

    @ParameterizedTest
    @MethodSource("recordings")
    void everyCutFallsWhereTheDecodedSoundIsQuiet(String recording) throws Exception {
        DecodedMp3 whole = whole(recording);
        double loudest = PcmLevels.loudest20ms(whole.samples(), whole.sampleRate());
        int twentyMillis = whole.sampleRate() / 50;
        List<String> cutsInSpeech = new ArrayList<>();
        int cuts = 0;
        for (long millis = 10_000; millis <= 20_000; millis += 500) {
            for (AudioPart part : split(recording, millis)) {
                assertTrue(part.endSeconds() - part.startSeconds() <= millis / 1000.0, part.describe());
                if (part.number() > 1) {
                    cuts++;
                    // the decoder's output for a frame is that frame's audio: the cut is at its first sample
                    int cut = whole.at(part.startSeconds()) + summaryFrame(whole, recording);
                    double loudness = PcmLevels.rms(whole.samples(), cut - twentyMillis, cut + twentyMillis) / loudest;
                    if (loudness >= 0.02) {
                        cutsInSpeech.add(millis + " ms parts: " + part.describe() + " at " + loudness);
                    }
                }
            }
        }
        assertTrue(cuts > 20, cuts + " cuts");
        assertEquals(List.of(), cutsInSpeech, "cuts where the 40 ms around them is louder than 2 % of the loudest");
    }

    /**
     * Each part decodes to the whole's samples from its start to its end, but for the first frame after a seam, as
     * the decoder's memory of the frame before differs, and the 480 samples its synthesis filter keeps of it.
     */
    @ParameterizedTest
    @MethodSource("recordings")
    void thePartsDecodeAsTheWholeDoesAwayFromTheSeams(String recording) throws Exception {
        DecodedMp3 whole = whole(recording);
        int frameSamples = whole.sampleRate() >= 32000 ? 1152 : 576;
        int summary = summaryFrame(whole, recording);
        int ledIn = 0;
        List<String> differences = new ArrayList<>();
        for (long millis : new long[] {10_000, 12_500, 15_000, 17_500}) {
            for (AudioPart part : split(recording, millis)) {
                DecodedMp3 decoded = DecodedMp3.of(part.audio().open());
                int from = whole.at(part.startSeconds());
                int to = whole.at(part.endSeconds());
                // a part begins with a lead-in frame when its first frame takes data from the frames before it
                int leadIn = decoded.samples().length - (to - from);
                assertTrue(leadIn == 0 || leadIn == frameSamples, part.describe() + ": " + leadIn + " samples more");
                ledIn += leadIn == 0 ? 0 : 1;
                int settled = part.number() == 1 ? 0 : frameSamples + 480;
                int differing = 0;
                for (int i = settled; i < to - from; i++) {
                    differing += decoded.samples()[leadIn + i] == whole.samples()[summary + from + i] ? 0 : 1;
                }
                if (differing > 0) {
                    differences.add(millis + " ms parts: " + part.describe() + ": " + differing + " samples");
                }
            }
        }
        assertTrue(ledIn > 0, "no part of " + recording + " needed a lead-in: the test shows nothing of it");
        assertEquals(List.of(), differences, "parts that decode otherwise than the whole away from their seams");
    }

    /**
     * The parts' sound, put on the recording's clock as their transcripts' times are, lines up with the speech of the
     * WAV the MP3 was encoded from to within 10 ms: the encoder's delay (from the LAME tag) and the decoder's are taken
     * off, and the lead-in frame's length.
     */
    @ParameterizedTest
    @MethodSource("recordings")
    void thePartsTimesAreTheWavsTimes(String recording) throws Exception {
        double[] speech = envelope(wav(AUDIO.resolve("conversation.wav")), 16000, 0);
        List<String> late = new ArrayList<>();
        for (long millis : new long[] {10_000, 15_000}) {
            for (AudioPart part : split(recording, millis)) {
                DecodedMp3 decoded = DecodedMp3.of(part.audio().open());
                double[] heard = envelope(decoded.samples(), decoded.sampleRate(), part.clockOffset());
                int lagMillis = bestLag(heard, speech, (int) (part.soundStart() * 1000) + 100,
                        (int) (part.endSeconds() * 1000) - 100);
                if (Math.abs(lagMillis) > 10) {
                    late.add(String.format(Locale.ROOT, "%d ms parts: %s is %d ms late", millis, part.describe(),
                            lagMillis));
                }
            }
        }
        assertEquals(List.of(), late);
    }

    /** The energy of every millisecond of the recording's clock, from a sound that begins at {@code clockOffset}. */
    private static double[] envelope(short[] samples, int sampleRate, double clockOffset) {
        int offsetMillis = (int) Math.round(clockOffset * 1000);
        double[] energy = new double[34_000];
        for (int ms = Math.max(0, offsetMillis); ms < energy.length; ms++) {
            int from = (int) Math.round((ms - clockOffset * 1000) * sampleRate / 1000.0);
            int to = (int) Math.round((ms + 1 - clockOffset * 1000) * sampleRate / 1000.0);
            if (from < 0 || to > samples.length) {
                continue;
            }
            double rms = PcmLevels.rms(samples, from, to);
            energy[ms] = rms * rms;
        }
        return energy;
    }

    /** The lag, in milliseconds, that best lines {@code heard} up with {@code reference} over [from, to). */
    private static int bestLag(double[] heard, double[] reference, int from, int to) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = -150; lag <= 150; lag++) {
            double score = 0;
            double heardPower = 0;
            double referencePower = 0;
            for (int ms = Math.max(from, -lag); ms < to && ms + lag < reference.length; ms++) {
                score += heard[ms + lag] * reference[ms];
                heardPower += heard[ms + lag] * heard[ms + lag];
                referencePower += reference[ms] * reference[ms];
            }
            double normalised = score / Math.sqrt(heardPower * referencePower + 1e-9);
            if (normalised > bestScore) {
                bestScore = normalised;
                best = lag;
            }
        }
        return best;
    }

    /**
     * The samples JLayer decodes the encoder's summary frame (Xing/Info) in front of the audio to, as if it were audio:
     * what it decodes beyond the frames the parts are cut from.
     */
    private static int summaryFrame(DecodedMp3 whole, String recording) {
        List<AudioPart> parts = split(recording, 20_000);
        return whole.samples().length - whole.at(parts.get(parts.size() - 1).endSeconds());
    }

    private static List<AudioPart> split(String recording, long partMillis) {
        return new RecordingSplitter(Duration.ofHours(4), Long.MAX_VALUE, Duration.ofMillis(partMillis))
                .split(AudioSource.file(AUDIO.resolve(recording), null, null)).orElseThrow();
    }

    private static DecodedMp3 whole(String recording) {
        return WHOLE.computeIfAbsent(recording, name -> {
            try {
                return DecodedMp3.of(Files.newInputStream(AUDIO.resolve(name)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static short[] wav(Path path) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(
                new BufferedInputStream(Files.newInputStream(path)))) {
            byte[] pcm = in.readAllBytes();
            short[] samples = new short[pcm.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((pcm[2 * i] & 0xFF) | pcm[2 * i + 1] << 8);
            }
            return samples;
        }
    }
}
