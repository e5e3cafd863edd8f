package io.cameltogether.audio.client.split;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.cameltogether.audio.client.AudioValidationException;

/**
 * Plans the cuts of a compressed recording between its frames, in one pass and without decoding: where a part
 * would pass a limit (samples or bytes), the cut goes into the quietest run of the frames just before it, as
 * {@link FrameWindow} judges from what each frame says of its loudness. A cut never passes a limit.
 */
final class FramedCuts {

    /** A frame as the planner sees it. */
    record CodedFrame(long offset, int length, int samples, double level, boolean clean) {
    }

    /** The frames of one recording, in order; null at the end. */
    @FunctionalInterface
    interface Frames {
        CodedFrame next() throws IOException;
    }

    /** Where a part starts in the file and on the recording's clock. */
    record Bound(long offset, long sample) {
    }

    private FramedCuts() {
    }

    /** The quiet stretch a cut goes into: a pause between words. */
    private static final double RUN_SECONDS = 0.1;

    /**
     * Each part's start, then the end of the last frame: a list of two bounds means the recording fits whole.
     *
     * @param frameSamples samples (per channel) in a frame
     * @param minRunFrames the fewest frames the quiet stretch may span, however long they are
     */
    static List<Bound> plan(Frames frames, int sampleRate, int frameSamples, long maxPartSamples, long maxPartBytes,
                            int minRunFrames) throws IOException {
        int windowFrames = (int) (Math.min(QuietCuts.SEARCH_SECONDS * sampleRate, maxPartSamples / 2.0)
                / frameSamples);
        int runFrames = Math.max(minRunFrames, (int) Math.round(RUN_SECONDS * sampleRate / frameSamples));
        List<Bound> bounds = new ArrayList<>();
        FrameWindow window = new FrameWindow(windowFrames);
        CodedFrame frame = frames.next();
        if (frame == null) {
            throw new AudioValidationException("no audio frames to split by");
        }
        Bound start = new Bound(frame.offset(), 0);
        bounds.add(start);
        long sample = 0;
        long end = frame.offset();
        for (; frame != null; frame = frames.next()) {
            if (sample + frame.samples() - start.sample() > maxPartSamples
                    || frame.offset() + frame.length() - start.offset() > maxPartBytes) {
                FrameWindow.Entry boundary = window.quietestBoundary(runFrames);
                start = boundary == null ? new Bound(frame.offset(), sample)
                        : new Bound(boundary.offset(), boundary.sample());
                if (start.offset() == bounds.get(bounds.size() - 1).offset()) {
                    throw new AudioValidationException("a frame is larger than the upload cap: the audio cannot be "
                            + "split under it");
                }
                bounds.add(start);
                window.clear();
            }
            window.add(new FrameWindow.Entry(frame.offset(), sample, frame.level(), frame.clean()));
            sample += frame.samples();
            end = frame.offset() + frame.length();
        }
        bounds.add(new Bound(end, sample));
        return bounds;
    }
}
