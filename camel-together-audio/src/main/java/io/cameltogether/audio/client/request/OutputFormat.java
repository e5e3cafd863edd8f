package io.cameltogether.audio.client.request;

/** What the caller wants back. Only {@code json} is the API's own answer; the rest are built from it. */
public enum OutputFormat {
    /** The transcript text. */
    TEXT(false),
    /** A typed {@code TranscriptionResult}. */
    RESULT(false),
    /** The API's JSON, unchanged. */
    JSON(false),
    /** SubRip subtitles. */
    SRT(true),
    /** WebVTT subtitles. */
    VTT(true);

    private final boolean subtitles;

    OutputFormat(boolean subtitles) {
        this.subtitles = subtitles;
    }

    /** Subtitles need timestamps, which only verbose_json carries. */
    public boolean needsTimestamps() {
        return subtitles;
    }
}
