package io.cameltogether.audio.client.realtime;

/**
 * Finds the pauses in a session's outgoing audio where a fence can go without cutting a word: the end of a run of
 * quiet 10 ms blocks (below -50 dBFS, under the level at which the server's VAD hears speech at its defaults) that
 * is longer than the server's minimum silence, after some louder audio since the last pause. Speech over a steady
 * noise floor louder than that has no such pauses; there the session fences only when its replay buffer fills.
 */
final class QuietPoints {

    /** -50 dBFS as an RMS amplitude of 16-bit samples. */
    private static final double QUIET_RMS = 32768 * Math.pow(10, -50 / 20.0);

    private final int blockSamples;
    private final int quietBlocksNeeded;
    private int inBlock;
    private double sumOfSquares;
    private int quietBlocks;
    private boolean heardSinceLastPause;

    /** @param minQuietMs how long a pause must be: the server's minimum silence plus a margin */
    QuietPoints(int sampleRate, int minQuietMs) {
        this.blockSamples = sampleRate / 100;
        this.quietBlocksNeeded = Math.max(1, minQuietMs / 10);
    }

    /**
     * Feeds 16-bit little-endian PCM that follows what was fed before (on the appending thread, hence synchronized).
     *
     * @return the index in this PCM just after the last pause it completes, or -1
     */
    synchronized int feed(byte[] pcm) {
        int pause = -1;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            double sample = (short) ((pcm[i] & 0xFF) | pcm[i + 1] << 8);
            sumOfSquares += sample * sample;
            if (++inBlock == blockSamples) {
                boolean quiet = Math.sqrt(sumOfSquares / blockSamples) < QUIET_RMS;
                inBlock = 0;
                sumOfSquares = 0;
                quietBlocks = quiet ? quietBlocks + 1 : 0;
                heardSinceLastPause |= !quiet;
                if (heardSinceLastPause && quietBlocks == quietBlocksNeeded) {
                    heardSinceLastPause = false;
                    pause = i + 2;
                }
            }
        }
        return pause;
    }
}
