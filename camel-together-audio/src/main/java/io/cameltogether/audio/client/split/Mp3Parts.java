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
 * Cuts an MP3 into parts between frames ({@link FramedCuts}), without decoding: a frame's loudness is judged by its
 * global gain, the scale of its decoded samples, and a frame whose audio data starts in itself is preferred to cut
 * before, so the next part decodes from its first frame. The parts are byte ranges of the file.
 */
final class Mp3Parts {

    /** A step of global gain scales the decoded samples by 2^(1/4). */
    private static final double GAIN_STEP_DB = 1.5;

    private Mp3Parts() {
    }

    /** The parts, or empty if the whole MP3 keeps to both limits. */
    static Optional<List<AudioPart>> split(AudioSource audio, double maxPartSeconds, long maxPartBytes)
            throws IOException {
        int sampleRate;
        List<FramedCuts.Bound> bounds;
        try (Mp3Frames frames = new Mp3Frames(audio.open())) {
            Frame first = frames.next();
            if (first == null) {
                throw new AudioValidationException("MP3 '" + audio.fileName() + "' holds no MPEG Layer III frames to "
                        + "split it by");
            }
            sampleRate = first.sampleRate();
            Frame[] next = {first};
            bounds = FramedCuts.plan(() -> {
                Frame frame = next[0];
                next[0] = frame == null ? null : frames.next();
                return frame == null ? null : new FramedCuts.CodedFrame(frame.offset(), frame.length(),
                        frame.samples(), GAIN_STEP_DB * frame.gain(), frame.selfContained());
            }, sampleRate, first.samples(), (long) (maxPartSeconds * sampleRate), maxPartBytes, 1);
        }
        // one part is still the answer for a file over the cap by its tags alone: the part leaves them out
        boolean fits = bounds.size() <= 2 && audio.length() <= maxPartBytes;
        return fits ? Optional.empty() : Optional.of(parts(audio, bounds, sampleRate));
    }

    private static List<AudioPart> parts(AudioSource audio, List<FramedCuts.Bound> bounds, int sampleRate) {
        List<AudioPart> parts = new ArrayList<>(bounds.size() - 1);
        String name = audio.fileName().replaceFirst("(?i)\\.mp3$", "");
        for (int i = 0; i + 1 < bounds.size(); i++) {
            FramedCuts.Bound from = bounds.get(i);
            FramedCuts.Bound to = bounds.get(i + 1);
            AudioSource part = AudioSource.rereadable(() -> ByteRange.of(audio.open(), from.offset(), to.offset()),
                    name + "-part" + (i + 1) + ".mp3", AudioFormat.MP3.contentType(), to.offset() - from.offset());
            parts.add(new AudioPart(i + 1, bounds.size() - 1, from.sample() / (double) sampleRate,
                    to.sample() / (double) sampleRate, part));
        }
        return parts;
    }
}
