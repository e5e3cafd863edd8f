package io.cameltogether.audio.client.split;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.request.AudioFormat;
import io.cameltogether.audio.client.request.AudioSource;

/**
 * Decides whether a recording goes to the API in parts, and makes them: a WAV longer than the API's duration limit,
 * larger than the upload cap, or longer than the wanted part length is cut in pauses into parts under all three.
 *
 * @param maxAudioDuration the API's limit on one request's audio
 * @param maxUploadSize    bytes one request may upload
 * @param partDuration     split audio longer than this even under the limits, so parts are transcribed side by
 *                         side; null to split only what the limits require
 */
public record RecordingSplitter(Duration maxAudioDuration, long maxUploadSize, Duration partDuration) {

    /**
     * The fewest bytes per second a WAV the API takes can hold (8 kHz, 8 bits, mono): a smaller file cannot be long
     * enough to split, so most requests are decided on their size without opening the file.
     */
    private static final long LEANEST_WAV_BYTES_PER_SECOND = 8000;

    /** The parts to send instead of the recording, or empty to send it whole. */
    public Optional<List<AudioPart>> split(AudioSource audio) {
        boolean tooSmallToSplit = audio.length() <= maxUploadSize
                && audio.length() <= maxDuration().toSeconds() * LEANEST_WAV_BYTES_PER_SECOND;
        if (audio.isUrl() || audio.format() != AudioFormat.WAV || !audio.opensIndependently() || tooSmallToSplit) {
            return Optional.empty();
        }
        try {
            try {
                WavRecording recording = WavRecording.of(audio);
                // the JDK's WAV writer counts in int: parts stay under 2 GB whatever the cap
                long maxPartBytes = Math.min(maxUploadSize, Integer.MAX_VALUE) - recording.partLength(0);
                long maxPartFrames = Math.min(recording.frameAt(maxDuration().toMillis() / 1000.0),
                        maxPartBytes / recording.partFrameSize());
                if (recording.frames() <= maxPartFrames || maxPartFrames < recording.frameAt(1)) {
                    return Optional.empty(); // fits, or a cap too small for a second of it: the caps' errors apply
                }
                return Optional.of(parts(audio, recording, QuietCuts.plan(recording, maxPartFrames)));
            } catch (AudioValidationException cannotSplit) {
                // a WAV the JDK cannot read, measure or write: within the cap the API may well take it, and only
                // the API can tell whether it is too long; over the cap it cannot go whole, and the reason is the error
                if (audio.length() <= maxUploadSize) {
                    return Optional.empty();
                }
                throw cannotSplit;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audio '" + audio.describe() + "' to split it", e);
        }
    }

    private Duration maxDuration() {
        return partDuration != null && partDuration.compareTo(maxAudioDuration) < 0 ? partDuration : maxAudioDuration;
    }

    private static List<AudioPart> parts(AudioSource audio, WavRecording recording, List<Long> cuts) {
        List<Long> starts = new ArrayList<>(cuts);
        starts.add(0, 0L);
        List<AudioPart> parts = new ArrayList<>(starts.size());
        String name = audio.fileName().replaceFirst("(?i)\\.wav$", "");
        for (int i = 0; i < starts.size(); i++) {
            long start = starts.get(i);
            long end = i + 1 < starts.size() ? starts.get(i + 1) : recording.frames();
            AudioSource part = AudioSource.rereadable(() -> recording.part(start, end - start), name + "-part"
                    + (i + 1) + ".wav", AudioFormat.WAV.contentType(), recording.partLength(end - start));
            parts.add(new AudioPart(i + 1, starts.size(), recording.seconds(start), recording.seconds(end), part));
        }
        return parts;
    }
}
