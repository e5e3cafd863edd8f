package io.cameltogether.audio.client.request;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The audio container formats the Together API accepts, with the content type sent on the file part. */
public enum AudioFormat {
    WAV("wav", "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"),
    MP3("mp3", "audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg-3"),
    M4A("m4a", "audio/mp4", "audio/x-m4a", "audio/m4a"),
    WEBM("webm", "audio/webm", "video/webm"),
    FLAC("flac", "audio/flac", "audio/x-flac"),
    OGG("ogg", "audio/ogg", "application/ogg", "audio/vorbis"),
    OPUS("opus", "audio/opus"),
    AAC("aac", "audio/aac", "audio/x-aac", "audio/aacp");

    private final String extension;
    private final String contentType;
    private final String[] aliases;

    AudioFormat(String extension, String contentType, String... aliases) {
        this.extension = extension;
        this.contentType = contentType;
        this.aliases = aliases;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** ".wav, .mp3, ..." for error messages. */
    public static String supportedExtensions() {
        return Arrays.stream(values()).map(f -> "." + f.extension).collect(Collectors.joining(", "));
    }

    public static Optional<AudioFormat> fromFileName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extension.equals(ext)).findFirst();
    }

    /** Matches a MIME type (parameters such as {@code ;codecs=opus} ignored) to a format. */
    public static Optional<AudioFormat> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> f.contentType.equals(mime) || Arrays.asList(f.aliases).contains(mime))
                .findFirst();
    }
}
