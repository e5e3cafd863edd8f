package io.cameltogether.audio.client;

import io.cameltogether.audio.client.request.AudioSource;

/** The upload cap check, shared by the pre-send size check and the streaming count. */
final class UploadLimits {

    private UploadLimits() {
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

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB (%d bytes)", bytes / 1_048_576.0, bytes);
    }
}
