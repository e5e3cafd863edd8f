package io.cameltogether.audio.client.request;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.cameltogether.audio.client.AudioValidationException;

/**
 * The audio of one request: binary content to upload, opened lazily so nothing is held in memory, or an https URL
 * the API fetches itself. Factories check what can be checked before sending: format, emptiness, a WAV's header,
 * URL scheme.
 */
public final class AudioSource {

    /** Opens the audio from its start. Called once per attempt; the caller closes the stream. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final String fileName;
    private final AudioFormat format;
    private final long length;
    private final Opener opener;
    private final boolean repeatable;
    private final boolean opensIndependently;
    private final URI url;

    private AudioSource(String fileName, AudioFormat format, long length, Opener opener, boolean repeatable,
                        boolean opensIndependently, URI url) {
        this.fileName = fileName;
        this.format = format;
        this.length = length;
        this.opener = opener;
        this.repeatable = repeatable;
        this.opensIndependently = opensIndependently;
        this.url = url;
    }

    /**
     * A file on disk, streamed from disk on every attempt. Read with a FileInputStream: Files.newInputStream reads a
     * heap buffer through a temporary direct one, and its extra copy cost about 10 % of a 1 GB upload's rate.
     */
    public static AudioSource file(Path path, String fileName, String contentType) {
        String name = fileName != null ? fileName : path.getFileName().toString();
        requireReadableFile(path);
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + path, e);
        }
        AudioFormat format = formatOf(name, contentType);
        checkNotEmpty(name, size);
        if (format == AudioFormat.WAV) {
            try (InputStream in = new FileInputStream(path.toFile())) {
                WavHeader.check(in.readNBytes(WavHeader.SEARCHED_BYTES));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the header of " + path, e);
            }
        }
        return new AudioSource(withExtension(name, format), format, size, () -> new FileInputStream(path.toFile()),
                true, true, null);
    }

    /** Fails, the same way for batch and realtime bodies, unless the path is a file that can be read. */
    public static void requireReadableFile(Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new AudioValidationException("audio file " + path + (Files.isDirectory(path)
                    ? " is a directory: send a file" : " does not exist or is not a readable file"));
        }
    }

    /** Audio already in memory, as the caller handed it over. */
    public static AudioSource bytes(byte[] data, String fileName, String contentType) {
        AudioFormat format = formatOf(fileName, contentType);
        checkNotEmpty(fileName, data.length);
        if (format == AudioFormat.WAV) {
            WavHeader.check(data);
        }
        return new AudioSource(withExtension(fileName, format), format, data.length,
                () -> new ByteArrayInputStream(data), true, true, null);
    }

    /**
     * A stream that can be read once. It is peeked at (one byte) to reject empty audio before sending, and it can
     * be re-sent only if an attempt failed before reading from it.
     *
     * @param length the byte count if known (sent as Content-Length), otherwise -1
     */
    public static AudioSource stream(InputStream in, String fileName, String contentType, long length) {
        AudioFormat format = formatOf(fileName, contentType);
        InputStream peekable = in.markSupported() ? in : new BufferedInputStream(in, 64 * 1024);
        try {
            peekable.mark(1);
            int first = peekable.read();
            peekable.reset();
            checkNotEmpty(fileName, first < 0 ? 0 : length);
            if (format == AudioFormat.WAV) {
                WavHeader.check(peekable);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audio stream of " + fileName, e);
        }
        return new AudioSource(withExtension(fileName, format), format, length, () -> peekable, false, false, null);
    }

    /**
     * A stream that can be re-opened from its start, such as a stream cache: re-sent on retry. Each opening may
     * rewind the same stream, so two are never read at once.
     */
    public static AudioSource rereadable(Opener opener, String fileName, String contentType, long length) {
        AudioFormat format = formatOf(fileName, contentType);
        checkNotEmpty(fileName, length);
        if (format == AudioFormat.WAV) {
            try (InputStream in = opener.open()) {
                WavHeader.check(in.readNBytes(WavHeader.SEARCHED_BYTES));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the header of the audio stream of " + fileName, e);
            }
        }
        return new AudioSource(withExtension(fileName, format), format, length, opener, true, false, null);
    }

    /**
     * Audio made anew from another on every opening (one channel of it, say): as repeatable as any re-opened source,
     * and read side by side with other audio made from the same source only if that source allows it.
     */
    public static AudioSource derived(AudioSource from, Opener opener, String fileName, long length) {
        AudioFormat format = formatOf(fileName, null);
        return new AudioSource(fileName, format, length, opener, true, from.opensIndependently(), null);
    }

    /** A public https URL: sent as the {@code file} field, the API downloads it (up to 1 GB). */
    public static AudioSource url(String value) {
        String trimmed = value.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new AudioValidationException("body '" + abbreviate(trimmed) + "' is not an https URL: the API "
                    + "fetches audio only from public https URLs. Send the audio itself (File, Path, byte[], "
                    + "InputStream) or an https:// URL");
        }
        return new AudioSource(null, null, -1, null, true, false, uri);
    }

    private static AudioFormat formatOf(String fileName, String contentType) {
        return AudioFormat.fromContentType(contentType)
                .or(() -> AudioFormat.fromFileName(fileName))
                .orElseThrow(() -> new AudioValidationException("cannot tell the audio format of '" + fileName + "'"
                        + (contentType != null ? " (content type " + contentType + ")" : "")
                        + ": the API accepts " + AudioFormat.supportedExtensions()
                        + ". Give the file one of these extensions or set its content type"));
    }

    private static void checkNotEmpty(String fileName, long size) {
        if (size == 0) {
            throw new AudioValidationException("audio '" + fileName + "' is empty (0 bytes): there is nothing to "
                    + "transcribe");
        }
    }

    /** The API reads the format from the name too, so a name without the right extension gets one. */
    private static String withExtension(String fileName, AudioFormat format) {
        String name = fileName == null || fileName.isBlank() ? "audio" : fileName;
        return AudioFormat.fromFileName(name).filter(f -> f == format).isPresent()
                ? name : name + "." + format.extension();
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }

    public boolean isUrl() {
        return url != null;
    }

    public URI url() {
        return url;
    }

    public String fileName() {
        return fileName;
    }

    public AudioFormat format() {
        return format;
    }

    /** Bytes to upload, or -1 when unknown until the stream ends. */
    public long length() {
        return length;
    }

    /** Whether a failed attempt may send this audio again from its start. */
    public boolean isRepeatable() {
        return repeatable;
    }

    /** Whether streams opened from this audio are independent of each other, so that several may be read at once. */
    public boolean opensIndependently() {
        return opensIndependently;
    }

    public InputStream open() throws IOException {
        return opener.open();
    }

    /** What the audio is, for messages: its name or URL. */
    public String describe() {
        return isUrl() ? url.getHost() + url.getPath() : fileName;
    }

    @Override
    public String toString() {
        return "AudioSource[" + describe() + (length >= 0 ? ", " + length + " bytes" : "") + "]";
    }
}
