package io.cameltogether.audio.client.split;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.request.AudioFormat;
import io.cameltogether.audio.client.request.AudioSource;
import io.cameltogether.audio.client.split.Mp3Frames.Frame;

/**
 * Cuts an MP3 into parts between frames ({@link FramedCuts}), in the longest pause of the sound decoded near each
 * limit ({@link Mp3Loudness}), before a frame whose audio data starts in itself where the pause has one. A part whose
 * first frame takes data from the frames before it begins with a {@link Mp3LeadIn} frame that carries it, so every
 * part decodes as the whole does. The parts are otherwise byte ranges of the file, without its
 * tags and summary frame; their transcripts' times are moved back by the encoder's and the decoder's delay.
 */
final class Mp3Parts {

    /**
     * Samples by which a Layer III decoder's output lags the frames' content (the synthesis filter bank's delay):
     * with the encoder's delay, what FFmpeg skips when a LAME tag allows. A part carries no LAME tag, so its decoded
     * sound runs this much late whoever decodes it.
     */
    private static final int DECODER_DELAY = 529;

    private Mp3Parts() {
    }

    /** The parts, or empty if the whole MP3 keeps to both limits. */
    static Optional<List<AudioPart>> split(AudioSource audio, double maxPartSeconds, long maxPartBytes)
            throws IOException {
        Frame first;
        int encoderDelay;
        List<FramedCuts.Bound> bounds;
        try (Mp3Frames frames = new Mp3Frames(audio.open())) {
            first = frames.next();
            if (first == null) {
                throw new AudioValidationException("MP3 '" + audio.fileName() + "' holds no MPEG Layer III frames to "
                        + "split it by");
            }
            Frame[] next = {first};
            FramedCuts.Limits limits = new FramedCuts.Limits((long) (maxPartSeconds * first.sampleRate()),
                    maxPartBytes, first.samples(), Mp3Header.MAX_FRAME_BYTES);
            bounds = FramedCuts.plan(() -> {
                Frame frame = next[0];
                next[0] = frame == null ? null : frames.next();
                return frame == null ? null : new FramedCuts.CodedFrame(frame.offset(), frame.length(),
                        frame.samples(), 0, frame.leadIn()); // loudness is decoded where a cut is sought
            }, first.sampleRate(), first.samples(), limits, 2, new Mp3Loudness(audio)); // a cut between two frames
            encoderDelay = frames.encoderDelay();
        }
        // one part is still the answer for a file over the cap by its tags alone: the part leaves them out
        boolean fits = bounds.size() <= 2 && audio.length() <= maxPartBytes;
        return fits ? Optional.empty() : Optional.of(parts(audio, bounds, first, encoderDelay + DECODER_DELAY));
    }

    private static List<AudioPart> parts(AudioSource audio, List<FramedCuts.Bound> bounds, Frame first, int delay)
            throws IOException {
        double rate = first.sampleRate();
        List<AudioPart> parts = new ArrayList<>(bounds.size() - 1);
        String name = audio.fileName().replaceFirst("(?i)\\.mp3$", "");
        for (int i = 0; i + 1 < bounds.size(); i++) {
            FramedCuts.Bound from = bounds.get(i);
            FramedCuts.Bound to = bounds.get(i + 1);
            byte[] leadIn = from.clean() ? new byte[0] : Mp3LeadIn.frame(audio, from.leadIn(), from.offset());
            AudioSource part = AudioSource.rereadable(() -> new SequenceInputStream(new ByteArrayInputStream(leadIn),
                    ByteRange.of(audio.open(), from.offset(), to.offset())), name + "-part" + (i + 1) + ".mp3",
                    AudioFormat.MP3.contentType(), leadIn.length + to.offset() - from.offset());
            double soundStart = (from.sample() - delay) / rate;
            double clockOffset = soundStart - (leadIn.length == 0 ? 0 : first.samples()) / rate;
            parts.add(new AudioPart(i + 1, bounds.size() - 1, from.sample() / rate, to.sample() / rate, part,
                    clockOffset, Math.max(0, soundStart)));
        }
        return parts;
    }
}
