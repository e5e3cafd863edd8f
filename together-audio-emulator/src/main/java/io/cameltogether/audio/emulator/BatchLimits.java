package io.cameltogether.audio.emulator;

/** The batch endpoints' limits, as the live API sets them unless a test changes them. */
final class BatchLimits {

    /** The live API's cap on a direct upload, counted over the whole request body in decimal megabytes. */
    static final long LIVE_UPLOAD_CAP = 80_000_000L;

    volatile long maxUploadBytes;
    volatile boolean htmlPayloadTooLarge;
    volatile EmulatedRateLimit rateLimit;
    volatile long maxUrlBytes;
    volatile double maxDurationSeconds;
    volatile double processingSecondsPerAudioHour;

    BatchLimits() {
        reset();
    }

    void reset() {
        maxUploadBytes = LIVE_UPLOAD_CAP;
        htmlPayloadTooLarge = false;
        rateLimit = null;
        maxUrlBytes = 1_073_741_824L;
        maxDurationSeconds = 4 * 3600;
        processingSecondsPerAudioHour = 0;
    }
}
