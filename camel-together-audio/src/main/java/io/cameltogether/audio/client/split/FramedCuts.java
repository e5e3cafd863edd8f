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

    /**
     * A frame as the planner sees it.
     *
     * @param leadIn where the bytes this frame's decoding needs begin: its own offset, or an earlier frame's when it
     *               takes data from the frames before it (an MP3's bit reservoir)
     */
    record CodedFrame(long offset, int length, int samples, double level, long leadIn) {
    }

    /** The frames of one recording, in order; null at the end. */
    @FunctionalInterface
    interface Frames {
        CodedFrame next() throws IOException;
    }

    /**
     * How loud the frames of a window are, in decibels on any reference, or null when that cannot be told: asked
     * only where a cut is sought.
     */
    @FunctionalInterface
    interface Loudness {
        double[] of(List<FrameWindow.Entry> window) throws IOException;

        /** The level each frame was given when it was read. */
        Loudness AS_READ = window -> window.stream().mapToDouble(FrameWindow.Entry::level).toArray();
    }

    /** Where a part starts in the file and on the recording's clock, and where the bytes its first frame needs do. */
    record Bound(long offset, long sample, long leadIn) {

        /** Whether the part's first frame decodes from its own bytes. */
        boolean clean() {
            return leadIn == offset;
        }
    }

    /**
     * The most a part may hold.
     *
     * @param leadInSamples what a part gains in front of its first frame when that frame needs bytes before it: the
     *                      samples and bytes of the frame that carries them
     */
    record Limits(long samples, long bytes, int leadInSamples, int leadInBytes) {
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
    static List<Bound> plan(Frames frames, int sampleRate, int frameSamples, Limits limits, int minRunFrames,
                            Loudness loudness) throws IOException {
        int windowFrames = (int) (Math.min(QuietCuts.SEARCH_SECONDS * sampleRate, limits.samples() / 2.0)
                / frameSamples);
        int runFrames = Math.max(minRunFrames, (int) Math.round(RUN_SECONDS * sampleRate / frameSamples));
        List<Bound> bounds = new ArrayList<>();
        FrameWindow window = new FrameWindow(windowFrames);
        CodedFrame frame = frames.next();
        if (frame == null) {
            throw new AudioValidationException("no audio frames to split by");
        }
        Bound start = new Bound(frame.offset(), 0, frame.offset()); // the first part decodes as the whole does
        bounds.add(start);
        long sample = 0;
        long end = frame.offset();
        for (; frame != null; frame = frames.next()) {
            boolean ledIn = !start.clean();
            if (sample + frame.samples() - start.sample() + (ledIn ? limits.leadInSamples() : 0) > limits.samples()
                    || frame.offset() + frame.length() - start.offset() + (ledIn ? limits.leadInBytes() : 0)
                    > limits.bytes()) {
                FrameWindow.Entry boundary = window.quietestBoundary(runFrames, loudness);
                start = boundary == null ? new Bound(frame.offset(), sample, frame.leadIn())
                        : new Bound(boundary.offset(), boundary.sample(), boundary.leadIn());
                if (start.offset() == bounds.get(bounds.size() - 1).offset()) {
                    throw new AudioValidationException("a frame is larger than the upload cap: the audio cannot be "
                            + "split under it");
                }
                bounds.add(start);
                window.clear();
            }
            window.add(new FrameWindow.Entry(frame.offset(), sample, frame.level(), frame.leadIn()));
            sample += frame.samples();
            end = frame.offset() + frame.length();
        }
        bounds.add(new Bound(end, sample, end));
        return bounds;
    }
}
