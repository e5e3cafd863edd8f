package io.cameltogether.audio.emulator;

import java.util.List;
import java.util.Random;

/** A share of requests faulted at random, for load and soak runs; seeded so that a run can be repeated. */
final class RandomFaults {

    private final double share;
    private final List<Fault> from;
    private final Random random;

    RandomFaults(double share, long seed, List<Fault> from) {
        if (share < 0 || share > 1 || from.isEmpty()) {
            throw new IllegalArgumentException("the share must be between 0 and 1, with at least one fault to draw");
        }
        this.share = share;
        this.from = from;
        this.random = new Random(seed);
    }

    /** The fault for the next request, or null for none. */
    synchronized Fault next() {
        return random.nextDouble() < share ? from.get(random.nextInt(from.size())) : null;
    }
}
