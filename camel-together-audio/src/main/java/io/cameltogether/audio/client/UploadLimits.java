package io.cameltogether.audio.client;

import io.cameltogether.audio.client.request.AudioFormat;
import io.cameltogether.audio.client.request.AudioSource;

/** The upload cap check, shared by the pre-send size check and the streaming count. */
final class UploadLimits {

    /**
     * Room left in each part of a split recording for the rest of the request (boundaries, model and the other
     * fields), since the API may count its cap over the whole body.
     */
    static final long FORM_ALLOWANCE = 64 * 1024;

    private UploadLimits() {
    }

    /** The largest audio a part of a split recording holds under the cap. */
    static long partCap(long maxUploadSize) {
        return maxUploadSize > 4 * FORM_ALLOWANCE ? maxUploadSize - FORM_ALLOWANCE : maxUploadSize;
    }

    static void check(AudioSource source, long maxUploadSize) {
        if (source.length() > maxUploadSize) {
            throw tooLarge(source, source.length(), maxUploadSize);
        }
    }

    static AudioValidationException tooLarge(AudioSource source, long size, long maxUploadSize) {
        return new AudioValidationException("audio '" + source.fileName() + "' is " + megabytes(size)
                + (source.length() < 0 ? " or more" : "") + ", over maxUploadSize " + megabytes(maxUploadSize)
                + ": the API rejects larger direct uploads with 413. Host the file at an https URL and send the URL "
                + "as the body instead (the API fetches up to 1 GB)");
    }

    /**
     * What an error answer to an upload means for it, where the API's words alone would mislead: a 413 says what was
     * sent against the configured cap; unsupported_format says the content, not the name, was not recognised.
     */
    static TogetherAudioApiException explain(TogetherAudioApiException error, AudioSource source, long sentBytes,
                                             long maxUploadSize) {
        if (error.getStatus() == 413) {
            return error.withHint("'" + source.fileName() + "' was refused after " + megabytes(sentBytes)
                    + " had been sent; maxUploadSize is " + megabytes(maxUploadSize) + ", more than this API "
                    + "accepts: lower maxUploadSize to fail such files before sending, or host the audio at an https "
                    + "URL and send the URL as the body instead (the API fetches up to 1 GB)");
        }
        if ("audio_too_long".equals(error.getCode())) {
            return error.withHint("The component sends WAV, MP3 and FLAC recordings given as a file or byte[] in "
                    + "parts when they are longer than maxAudioDuration: convert other formats (e.g. ffmpeg -i in.m4a "
                    + "-ac 1 -ar 16000 out.flac), write streams to a file first, and keep maxAudioDuration within the "
                    + "API's limit");
        }
        if ("unsupported_format".equals(error.getCode()) && sentBytes > 0) {
            return error.withHint("The content of '" + source.fileName() + "' was not recognised as audio: it is "
                    + "named or typed as " + source.format().extension() + ", but it may be corrupt, cut short or in "
                    + "another format. Check the recording, or convert it (e.g. with ffmpeg) to one of "
                    + AudioFormat.supportedExtensions());
        }
        return error;
    }

    private static String megabytes(long bytes) {
        // decimal megabytes, as the API states its cap
        return String.format(java.util.Locale.ROOT, "%.1f MB (%d bytes)", bytes / 1e6, bytes);
    }
}
