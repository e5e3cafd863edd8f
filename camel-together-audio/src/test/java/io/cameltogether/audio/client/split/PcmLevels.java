package io.cameltogether.audio.client.split;

/** How loud 16-bit samples are, to tell whether a cut fell in a pause. */
final class PcmLevels {

    private PcmLevels() {
    }

    static double rms(short[] samples, int from, int to) {
        double sum = 0;
        int count = 0;
        for (int i = Math.max(0, from); i < Math.min(samples.length, to); i++, count++) {
            sum += (double) samples[i] * samples[i];
        }
        return count == 0 ? 0 : Math.sqrt(sum / count);
    }

    /** The loudest 20 ms at 16 kHz. */
    static double loudest20ms(short[] samples) {
        return loudest20ms(samples, 16000);
    }

    /** The loudest 20 ms at the given sample rate. */
    static double loudest20ms(short[] samples, int sampleRate) {
        int block = sampleRate / 50;
        double loudest = 0;
        for (int i = 0; i + block <= samples.length; i += block) {
            loudest = Math.max(loudest, rms(samples, i, i + block));
        }
        return loudest;
    }
}
