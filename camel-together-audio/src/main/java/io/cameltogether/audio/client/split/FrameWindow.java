package io.cameltogether.audio.client.split;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The last frames of a compressed recording before a part's limit, with how loud each is judged to be, from which
 * to choose where to cut: between frames, in the quietest run of them.
 */
final class FrameWindow {

    /**
     * @param sample the frame's first sample, counted from the start of the recording
     * @param level  how loud the frame is judged to be, in decibels on any reference
     * @param leadIn where the bytes this frame's decoding needs begin
     */
    record Entry(long offset, long sample, double level, long leadIn) {

        /** Whether decoding can start at this frame. */
        boolean clean() {
            return leadIn == offset;
        }
    }

    private final int capacity;
    private final List<Entry> entries = new ArrayList<>();

    FrameWindow(int capacity) {
        this.capacity = capacity;
    }

    void add(Entry entry) {
        entries.add(entry);
        if (entries.size() > capacity) {
            entries.remove(0);
        }
    }

    void clear() {
        entries.clear();
    }

    /**
     * The frame to cut before: inside the longest pause ({@link QuietCuts#longestPause}, at least {@code runFrames}
     * long), nearest its middle, a clean one where there is one. Null when the window is too short to hold a run:
     * then the cut goes before the frame to come, as it does when the loudness cannot be told.
     *
     * @param loudness how loud the window's frames are
     */
    Entry quietestBoundary(int runFrames, FramedCuts.Loudness loudness) throws IOException {
        if (entries.size() <= runFrames) {
            return null;
        }
        double[] level = loudness.of(List.copyOf(entries));
        if (level == null) {
            return null;
        }
        int[] pause = QuietCuts.longestPause(level, 0, level.length, runFrames);
        if (pause == null) {
            int run = QuietCuts.quietestRun(level, 0, level.length, runFrames);
            pause = new int[] {run, run + runFrames};
        }
        int middle = Math.min(Math.max(pause[0] + 1, (pause[0] + pause[1]) / 2), entries.size() - 1);
        int boundary = middle;
        for (int k = pause[0] + 1; k < pause[1] && k < entries.size(); k++) {
            boolean better = !entries.get(boundary).clean() || Math.abs(k - middle) < Math.abs(boundary - middle);
            if (entries.get(k).clean() && better) {
                boundary = k;
            }
        }
        return entries.get(boundary);
    }
}
