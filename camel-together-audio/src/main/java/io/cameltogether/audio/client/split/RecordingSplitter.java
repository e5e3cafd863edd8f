package io.cameltogether.audio.client.split;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.request.AudioFormat;
import io.cameltogether.audio.client.request.AudioSource;

/**
 * Decides whether a recording goes to the API in parts, and makes them: a WAV, MP3 or FLAC longer than the API's
 * duration limit, larger than the upload cap, or longer than the wanted part length is cut into parts under all
 * three.
 *
 * @param maxAudioDuration the API's limit on one request's audio
 * @param maxUploadSize    bytes one request may upload
 * @param partDuration     split audio longer than this even under the limits, so parts are transcribed side by
 *                         side; null to split only what the limits require
 */
public record RecordingSplitter(Duration maxAudioDuration, long maxUploadSize, Duration partDuration) {

    /**
     * The fewest bytes per second each format that can be split may hold (WAV: 8 kHz, 8 bits, mono; MP3: 8 kbit/s;
     * FLAC: digital silence, a few bytes a frame): a smaller file cannot be long enough to split, so most requests
     * are decided on their size without reading them.
     */
    private static final Map<AudioFormat, Long> LEANEST_BYTES_PER_SECOND =
            Map.of(AudioFormat.WAV, 8000L, AudioFormat.MP3, 1000L, AudioFormat.FLAC, 50L);
    /** The leanest the formats that are not split get: Opus at 6 kbit/s. */
    private static final long LEANEST_OTHER_BYTES_PER_SECOND = 750;

    /**
     * The parts to send instead of the recording, or empty to send it whole.
     *
     * @throws AudioValidationException when a recording in a format that is not split declares a duration over
     *                                  maxAudioDuration: the API would refuse it once uploaded
     */
    public Optional<List<AudioPart>> split(AudioSource audio) {
        if (audio.isUrl()) {
            return Optional.empty();
        }
        if (!LEANEST_BYTES_PER_SECOND.containsKey(audio.format())) {
            refuseIfTooLong(audio);
            return Optional.empty();
        }
        if (!audio.opensIndependently()) {
            return Optional.empty();
        }
        long leanest = LEANEST_BYTES_PER_SECOND.get(audio.format());
        if (audio.length() <= maxUploadSize && audio.length() <= maxDuration().toSeconds() * leanest) {
            return Optional.empty();
        }
        double maxPartSeconds = maxDuration().toMillis() / 1000.0;
        // the JDK's WAV writer counts in int: parts stay under 2 GB whatever the cap
        long maxPartBytes = Math.min(maxUploadSize, Integer.MAX_VALUE);
        try {
            return switch (audio.format()) {
                case WAV -> WavParts.split(audio, maxPartSeconds, maxPartBytes);
                case MP3 -> Mp3Parts.split(audio, maxPartSeconds, maxPartBytes);
                default -> FlacParts.split(audio, maxPartSeconds, maxPartBytes);
            };
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

    private void refuseIfTooLong(AudioSource audio) {
        if (!audio.isRepeatable() || audio.length() <= maxAudioDuration.toSeconds() * LEANEST_OTHER_BYTES_PER_SECOND) {
            return;
        }
        Optional<Double> seconds;
        try {
            seconds = ContainerDurations.seconds(audio);
        } catch (IOException | RuntimeException unreadable) {
            return; // a container the probe cannot read: the API judges it
        }
        if (seconds.isPresent() && seconds.get() > maxAudioDuration.toMillis() / 1000.0) {
            String format = audio.format().extension();
            throw new AudioValidationException(String.format(Locale.ROOT, "audio '%s' is %.0f s long (its %s "
                    + "container says), over maxAudioDuration (%d s): the API refuses longer audio (audio_too_long). "
                    + "The component splits WAV, MP3 and FLAC into parts: convert it, e.g. ffmpeg -i in.%s -ac 1 -ar "
                    + "16000 out.flac", audio.fileName(), seconds.get(), format, maxAudioDuration.toSeconds(), format));
        }
    }

    private Duration maxDuration() {
        return partDuration != null && partDuration.compareTo(maxAudioDuration) < 0 ? partDuration : maxAudioDuration;
    }
}
