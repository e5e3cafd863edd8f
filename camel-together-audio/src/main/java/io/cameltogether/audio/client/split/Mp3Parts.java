package io.cameltogether.audio.client.split;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.request.AudioFormat;
import io.cameltogether.audio.client.request.AudioSource;
import io.cameltogether.audio.client.split.Mp3Frames.Frame;

/**
 * Cuts an MP3 into parts between frames, in one pass over its frames and without decoding them. Where a part would
 * pass a limit, the cut goes into the quietest 100 ms of the frames just before: loudness is judged by the bits the
 * encoder spent on each frame, few in silence, many in speech. Within that stretch a frame whose audio data starts
 * in itself is preferred, so the next part decodes from its first frame. The parts are byte ranges of the file.
 */
final class Mp3Parts {

    private static final double RUN_SECONDS = 0.1;

    private final AudioSource audio;
    private final double maxPartSeconds;
    private final long maxPartBytes;
    private final List<Frame> window = new ArrayList<>();
    /** Each part's first frame, then the end of the last: {offset, sample}. */
    private final List<long[]> bounds = new ArrayList<>();

    private Mp3Parts(AudioSource audio, double maxPartSeconds, long maxPartBytes) {
        this.audio = audio;
        this.maxPartSeconds = maxPartSeconds;
        this.maxPartBytes = maxPartBytes;
    }

    /** The parts, or empty if the whole MP3 keeps to both limits. */
    static Optional<List<AudioPart>> split(AudioSource audio, double maxPartSeconds, long maxPartBytes)
            throws IOException {
        return new Mp3Parts(audio, maxPartSeconds, maxPartBytes).plan();
    }

    private Optional<List<AudioPart>> plan() throws IOException {
        int sampleRate;
        try (Mp3Frames frames = new Mp3Frames(audio.open())) {
            Frame frame = frames.next();
            if (frame == null) {
                throw new AudioValidationException("MP3 '" + audio.fileName() + "' holds no MPEG Layer III frames to "
                        + "split it by");
            }
            sampleRate = frame.sampleRate();
            long maxPartSamples = (long) (maxPartSeconds * sampleRate);
            int windowFrames = (int) (Math.min(QuietCuts.SEARCH_SECONDS * sampleRate, maxPartSamples / 2.0)
                    / frame.samples());
            int runFrames = Math.max(1, (int) Math.round(RUN_SECONDS * sampleRate / frame.samples()));
            long[] start = {frame.offset(), 0};
            bounds.add(start);
            long sample = 0;
            long end = frame.offset();
            for (; frame != null; frame = frames.next()) {
                if (sample + frame.samples() - start[1] > maxPartSamples
                        || frame.offset() + frame.length() - start[0] > maxPartBytes) {
                    start = cut(frame, sample, runFrames);
                    bounds.add(start);
                    window.clear();
                }
                window.add(frame);
                if (window.size() > windowFrames) {
                    window.remove(0);
                }
                sample += frame.samples();
                end = frame.offset() + frame.length();
            }
            bounds.add(new long[] {end, sample});
        }
        // one part is still the answer for a file over the cap by its tags alone: the part leaves them out
        boolean fits = bounds.size() <= 2 && audio.length() <= maxPartBytes;
        return fits ? Optional.empty() : Optional.of(parts(sampleRate));
    }

    /** Where the part that {@code next} would overrun ends: a boundary between frames of the window, or before next. */
    private long[] cut(Frame next, long nextSample, int runFrames) {
        int boundary = window.size(); // before next
        if (window.size() > runFrames) {
            double[] level = new double[window.size()];
            for (int i = 0; i < level.length; i++) {
                level[i] = Math.log1p(window.get(i).mainDataBits());
            }
            int run = QuietCuts.quietestRun(level, 0, level.length, runFrames);
            int middle = Math.min(run + Math.max(1, runFrames / 2), window.size() - 1);
            boundary = middle;
            // of the boundaries inside the quiet run, the one nearest its middle before which decoding can start
            for (int k = run + 1; k < run + runFrames && k < window.size(); k++) {
                boolean better = !window.get(boundary).selfContained()
                        || Math.abs(k - middle) < Math.abs(boundary - middle);
                if (window.get(k).selfContained() && better) {
                    boundary = k;
                }
            }
        }
        long[] previous = bounds.get(bounds.size() - 1);
        long offset = boundary < window.size() ? window.get(boundary).offset() : next.offset();
        if (offset == previous[0]) {
            throw new AudioValidationException("a frame of '" + audio.fileName() + "' is larger than the upload cap: "
                    + "it cannot be split under it");
        }
        long framesAfterCut = window.size() - boundary;
        return new long[] {offset, nextSample - framesAfterCut * next.samples()};
    }

    private List<AudioPart> parts(int sampleRate) {
        List<AudioPart> parts = new ArrayList<>(bounds.size() - 1);
        String name = audio.fileName().replaceFirst("(?i)\\.mp3$", "");
        for (int i = 0; i + 1 < bounds.size(); i++) {
            long[] from = bounds.get(i);
            long[] to = bounds.get(i + 1);
            AudioSource part = AudioSource.rereadable(() -> ByteRange.of(audio.open(), from[0], to[0]),
                    name + "-part" + (i + 1) + ".mp3", AudioFormat.MP3.contentType(), to[0] - from[0]);
            parts.add(new AudioPart(i + 1, bounds.size() - 1, from[1] / (double) sampleRate,
                    to[1] / (double) sampleRate, part));
        }
        return parts;
    }
}
