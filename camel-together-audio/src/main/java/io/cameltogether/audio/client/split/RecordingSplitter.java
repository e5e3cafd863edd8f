package io.cameltogether.audio.client.split;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.request.AudioFormat;
import io.cameltogether.audio.client.request.AudioSource;

/**
 * Decides whether a recording goes to the API in parts, and makes them: a WAV or MP3 longer than the API's duration
 * limit, larger than the upload cap, or longer than the wanted part length is cut into parts under all three.
 *
 * @param maxAudioDuration the API's limit on one request's audio
 * @param maxUploadSize    bytes one request may upload
 * @param partDuration     split audio longer than this even under the limits, so parts are transcribed side by
 *                         side; null to split only what the limits require
 */
public record RecordingSplitter(Duration maxAudioDuration, long maxUploadSize, Duration partDuration) {

    /**
     * The fewest bytes per second each splittable format can hold (WAV: 8 kHz, 8 bits, mono; MP3: 8 kbit/s): a
     * smaller file cannot be long enough to split, so most requests are decided on their size without reading.
     */
    private static final long LEANEST_WAV_BYTES_PER_SECOND = 8000;
    private static final long LEANEST_MP3_BYTES_PER_SECOND = 1000;

    /** The parts to send instead of the recording, or empty to send it whole. */
    public Optional<List<AudioPart>> split(AudioSource audio) {
        if (audio.isUrl() || !audio.opensIndependently()
                || audio.format() != AudioFormat.WAV && audio.format() != AudioFormat.MP3) {
            return Optional.empty();
        }
        long leanest = audio.format() == AudioFormat.WAV ? LEANEST_WAV_BYTES_PER_SECOND : LEANEST_MP3_BYTES_PER_SECOND;
        if (audio.length() <= maxUploadSize && audio.length() <= maxDuration().toSeconds() * leanest) {
            return Optional.empty();
        }
        double maxPartSeconds = maxDuration().toMillis() / 1000.0;
        // the JDK's WAV writer counts in int: parts stay under 2 GB whatever the cap
        long maxPartBytes = Math.min(maxUploadSize, Integer.MAX_VALUE);
        try {
            return audio.format() == AudioFormat.WAV ? WavParts.split(audio, maxPartSeconds, maxPartBytes)
                    : Mp3Parts.split(audio, maxPartSeconds, maxPartBytes);
        } catch (AudioValidationException cannotSplit) {
            // audio that cannot be read, measured or cut: within the cap the API may well take it, and only the API
            // can tell whether it is too long; over the cap it cannot go whole, and the reason is the error
            if (audio.length() <= maxUploadSize) {
                return Optional.empty();
            }
            throw cannotSplit;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audio '" + audio.describe() + "' to split it", e);
        }
    }

    private Duration maxDuration() {
        return partDuration != null && partDuration.compareTo(maxAudioDuration) < 0 ? partDuration : maxAudioDuration;
    }
}
