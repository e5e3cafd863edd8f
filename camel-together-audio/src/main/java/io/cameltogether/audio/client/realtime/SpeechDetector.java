package io.cameltogether.audio.client.realtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Listens to a session's outgoing audio, on the appending thread, in 10 ms blocks: a block is speech when it is
 * louder than a level, -50 dBFS by default (under the level at which the server's VAD hears speech at its defaults;
 * lower for a lower VAD threshold, see {@link TurnDetection#speechDbfs()}). It finds
 * <ul>
 *   <li><em>stretches</em> of speech: from the first loud block to the last before quiet as long as the server's
 *       minimum silence, with at least its minimum speech of loud blocks: where a transcript's speech lies, as the
 *       component measures it (the server's own times are on another clock); and</li>
 *   <li><em>pauses</em>: the end of a quiet run longer than the server's minimum silence plus a margin, after some
 *       speech since the last pause, where the server has ended its turn and a fence cuts no word.</li>
 * </ul>
 * Speech over a steady noise floor louder than that has neither; there transcripts are placed by their order and
 * the session fences only when its replay buffer fills.
 */
final class SpeechDetector {

    /** Where a stretch of speech lies, in bytes relative to the start of the feed that reported it. */
    record Stretch(long onset, long end) {
    }

    /**
     * What one feed found.
     *
     * @param pauseAt    the index in the fed PCM just after the last pause it completes, or -1
     * @param ended      stretches whose closing quiet this feed completed (their onsets may lie in earlier feeds)
     * @param openOnset  where the speech still under way at the end of the feed began, or null
     */
    record Marks(int pauseAt, List<Stretch> ended, Long openOnset) {
    }

    private static final int BLOCK_MS = 10;

    /** The level as an RMS amplitude of 16-bit samples. */
    private final double quietRms;
    private final int blockSamples;
    private final int silenceBlocks;
    private final int pauseBlocks;
    private final int speechBlocks;
    /** Bytes fed before the current feed. */
    private long fed;
    private int inBlock;
    private double sumOfSquares;
    private int quietBlocks;
    private boolean heardSinceLastPause;
    /** The stretch under way, in bytes since the first feed: its onset (or -1), its last loud byte, its loud blocks. */
    private long onset = -1;
    private long lastLoudEnd;
    private int loudBlocks;

    /**
     * @param minSilenceMs quiet that ends a stretch: the server's minimum silence
     * @param pauseMs      quiet that makes a pause a fence may go in: more than the server's minimum silence
     * @param minSpeechMs  loud audio a stretch needs to count as speech: the server's minimum speech
     * @param speechDbfs   the level above which a block is speech
     */
    SpeechDetector(int sampleRate, int minSilenceMs, int pauseMs, int minSpeechMs, double speechDbfs) {
        this.quietRms = 32768 * Math.pow(10, speechDbfs / 20);
        this.blockSamples = sampleRate * BLOCK_MS / 1000;
        this.silenceBlocks = Math.max(1, minSilenceMs / BLOCK_MS);
        this.pauseBlocks = Math.max(1, pauseMs / BLOCK_MS);
        this.speechBlocks = Math.max(1, minSpeechMs / BLOCK_MS);
    }

    /** Feeds 16-bit little-endian PCM that follows what was fed before (appending threads, hence synchronized). */
    synchronized Marks feed(byte[] pcm) {
        int pause = -1;
        List<Stretch> ended = new ArrayList<>(1);
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            double sample = (short) ((pcm[i] & 0xFF) | pcm[i + 1] << 8);
            sumOfSquares += sample * sample;
            if (++inBlock < blockSamples) {
                continue;
            }
            long blockEnd = fed + i + 2;
            boolean quiet = Math.sqrt(sumOfSquares / blockSamples) < quietRms;
            inBlock = 0;
            sumOfSquares = 0;
            if (quiet) {
                quietBlocks++;
                if (onset >= 0 && quietBlocks == silenceBlocks) {
                    if (loudBlocks >= speechBlocks) {
                        ended.add(new Stretch(onset - fed, lastLoudEnd - fed));
                    }
                    onset = -1;
                    loudBlocks = 0;
                }
                if (heardSinceLastPause && quietBlocks == pauseBlocks) {
                    heardSinceLastPause = false;
                    pause = i + 2;
                }
            } else {
                quietBlocks = 0;
                heardSinceLastPause = true;
                onset = onset < 0 ? blockEnd - 2L * blockSamples : onset;
                lastLoudEnd = blockEnd;
                loudBlocks++;
            }
        }
        Long open = onset >= 0 ? onset - fed : null;
        fed += pcm.length;
        return new Marks(pause, ended, open);
    }
}
