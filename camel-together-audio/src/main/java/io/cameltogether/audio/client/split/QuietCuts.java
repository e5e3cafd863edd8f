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
    /** ...and the cut goes in the middle of its quietest run of this many. */
    private static final int POINT_BLOCKS = 3;

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
                level[b] = Math.log1p(energy / blockFrames);
            }
        }
        int pause = quietestRun(level, 0, blocks, RUN_BLOCKS);
        // within the pause, the quietest point: a pause's edges may still hold the ends of its words
        int point = quietestRun(level, pause, pause + RUN_BLOCKS, POINT_BLOCKS);
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
