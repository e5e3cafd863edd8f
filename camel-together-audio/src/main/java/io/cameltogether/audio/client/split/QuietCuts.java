package io.cameltogether.audio.client.split;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.pcm.PcmConverter;

/**
 * Where to cut a recording into parts no longer than a limit: in the quietest stretch shortly before each point
 * where a part would reach the limit, so that a cut falls between words, not inside one. A cut never lies after
 * that point, so every part keeps to the limit; the parts meet exactly, so no frame is lost or doubled.
 */
final class QuietCuts {

    /** How far before the limit a cut may fall: long enough to hold a pause in any ordinary speech. */
    static final double SEARCH_SECONDS = 20;
    /**
     * Loudness is measured per block of this length, on a log scale (of the mean square), so that a run is as quiet
     * as the depth and length of its silence, and a few near-silent blocks outweigh a stretch of soft sound...
     */
    private static final double BLOCK_SECONDS = 0.01;
    /** ...the quietest run of this many blocks is taken for a pause between words... */
    private static final int RUN_BLOCKS = 10;
    /**
     * Blocks or frames within this many decibels of the quietest run are as quiet as it: of the stretches of them
     * near the limit, the longest is taken, a sentence break rather than a gap between two words, and the cut goes
     * in its middle, away from the words on either side.
     */
    static final double PAUSE_MARGIN_DB = 6;
    /** Without such a stretch, the cut goes in the middle of the quietest run of this many blocks in the pause. */
    private static final int POINT_BLOCKS = 3;
    /** 10 log10 of a mean square, from its natural logarithm. */
    private static final double DB_PER_NEPER_OF_POWER = 10 / Math.log(10);

    private QuietCuts() {
    }

    /** The first frame of every part after the first, in order. */
    static List<Long> plan(WavRecording recording, long maxPartFrames) throws IOException {
        List<Long> cuts = new ArrayList<>();
        long start = 0;
        while (recording.frames() - start > maxPartFrames) {
            long limit = start + maxPartFrames;
            long search = Math.min(recording.frameAt(SEARCH_SECONDS), maxPartFrames / 2);
            long cut = quietest(recording, limit - search, limit);
            cuts.add(cut);
            start = cut;
        }
        return cuts;
    }

    /** The quietest point of the quietest run of blocks between two frames. */
    private static long quietest(WavRecording recording, long from, long to) throws IOException {
        AudioFormat format = recording.format();
        int blockFrames = Math.max(1, (int) Math.round(format.getFrameRate() * BLOCK_SECONDS));
        int blocks = (int) ((to - from) / blockFrames);
        if (blocks <= RUN_BLOCKS) {
            return to;
        }
        double[] level = new double[blocks];
        try (AudioInputStream stretch = new AudioInputStream(recording.framesFrom(from), format, to - from);
             AudioInputStream samples = sixteenBitMono(stretch)) {
            byte[] block = new byte[blockFrames * 2];
            for (int b = 0; b < blocks; b++) {
                int read = samples.readNBytes(block, 0, block.length);
                double energy = 0;
                for (int i = 0; i + 1 < read; i += 2) {
                    double sample = (short) ((block[i] & 0xFF) | block[i + 1] << 8);
                    energy += sample * sample;
                }
                level[b] = DB_PER_NEPER_OF_POWER * Math.log1p(energy / blockFrames);
            }
        }
        int[] pause = longestPause(level, 0, blocks, RUN_BLOCKS);
        if (pause != null) {
            return from + (long) ((pause[0] + pause[1]) / 2) * blockFrames;
        }
        // no steady pause: the quietest point of the quietest run, whose edges may still hold the ends of words
        int run = quietestRun(level, 0, blocks, RUN_BLOCKS);
        int point = quietestRun(level, run, run + RUN_BLOCKS, POINT_BLOCKS);
        return from + (long) (point * blockFrames + POINT_BLOCKS * blockFrames / 2);
    }

    private static AudioInputStream sixteenBitMono(AudioInputStream in) {
        try {
            return PcmConverter.sixteenBitMono(in);
        } catch (IllegalArgumentException unsupported) {
            throw new AudioValidationException("the JDK cannot measure the loudness of " + in.getFormat() + " to cut "
                    + "it in pauses: convert the recording to 16-bit PCM WAV");
        }
    }

    /**
     * The longest stretch [start, end) of blocks in [from, to) each within {@link #PAUSE_MARGIN_DB} of the mean level
     * (in decibels) of the quietest run of {@code length}, and at least that long; of equal ones, the latest. Null
     * without one: the quietest run's own blocks vary more than that, and hold no steady pause.
     */
    static int[] longestPause(double[] level, int from, int to, int length) {
        int run = quietestRun(level, from, to, length);
        double mean = 0;
        for (int b = run; b < run + length; b++) {
            mean += level[b] / length;
        }
        double ceiling = mean + PAUSE_MARGIN_DB;
        int bestStart = -1;
        int bestLength = 0;
        int start = -1;
        for (int b = from; b <= to; b++) {
            boolean quiet = b < to && level[b] <= ceiling;
            if (quiet && start < 0) {
                start = b;
            } else if (!quiet && start >= 0) {
                if (b - start >= bestLength) {
                    bestLength = b - start;
                    bestStart = start;
                }
                start = -1;
            }
        }
        return bestLength >= length ? new int[] {bestStart, bestStart + bestLength} : null;
    }

    /** The first block of the quietest run of {@code length} blocks in [from, to); of equal ones, the latest. */
    static int quietestRun(double[] level, int from, int to, int length) {
        double run = 0;
        for (int b = from; b < from + length; b++) {
            run += level[b];
        }
        double quietest = run;
        int quietestStart = from;
        for (int b = from + length; b < to; b++) {
            run += level[b] - level[b - length];
            if (run <= quietest) {
                quietest = run;
                quietestStart = b - length + 1;
            }
        }
        return quietestStart;
    }
}
