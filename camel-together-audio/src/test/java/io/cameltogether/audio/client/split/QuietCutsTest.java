package io.cameltogether.audio.client.split;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which quiet stretch a cut goes into, on levels in decibels per 10 ms block. */
class QuietCutsTest {

    private static double[] levels(int blocks, double speech) {
        double[] level = new double[blocks];
        Arrays.fill(level, speech);
        return level;
    }

    private static void quiet(double[] level, int from, int to, double floor) {
        for (int b = from; b < to; b++) {
            level[b] = floor + (b % 3); // a noise floor that wavers by 2 dB
        }
    }

    @Test
    void ofTwoPausesAtTheNoiseFloorTheLongerWinsThoughTheShorterIsNearerTheLimit() {
        double[] level = levels(400, 60);
        quiet(level, 100, 260, 20); // a sentence break of 1.6 s
        quiet(level, 300, 330, 20); // a gap of 0.3 s between two words, nearer the limit

        assertArrayEquals(new int[] {100, 260}, QuietCuts.longestPause(level, 0, level.length, 10));
    }

    @Test
    void aLongerStretchOfSoftSoundLosesToADeeperPause() {
        double[] level = levels(400, 60);
        quiet(level, 50, 250, 40);  // two seconds of soft sound, 20 dB above the pause
        quiet(level, 300, 330, 20); // a real pause

        assertArrayEquals(new int[] {300, 330}, QuietCuts.longestPause(level, 0, level.length, 10));
    }

    @Test
    void speechWithoutASteadyPauseHasNone() {
        double[] level = levels(100, 60);
        for (int b = 0; b < level.length; b += 2) {
            level[b] = 30; // words and dips, no two blocks alike
        }

        assertNull(QuietCuts.longestPause(level, 0, level.length, 10));
    }
}
