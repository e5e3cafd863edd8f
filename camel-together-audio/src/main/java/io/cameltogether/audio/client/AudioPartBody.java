package io.cameltogether.audio.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.hc.client5.http.entity.mime.AbstractContentBody;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ContentType;

import io.cameltogether.audio.client.request.AudioSource;

/**
 * The multipart {@code file} part of one attempt: streams the audio from its source with a large buffer, so
 * memory use stays flat whatever the file size, and enforces the upload cap on streams of unknown length. It
 * remembers whether it read anything, because a half-read one-shot stream must never be sent again.
 *
 * <p>When the audio cannot be sent whole (the cap is passed, the source fails or ends short of its length), the
 * request is aborted before the error propagates. Otherwise HttpClient would close the body normally on the way
 * out, and the server would receive a truncated file as if it were complete, or wait for the rest.
 */
final class AudioPartBody extends AbstractContentBody {

    private static final int BUFFER_SIZE = 64 * 1024;
    /**
     * Uploads run on the endpoint's request threads, one at a time each: a buffer per thread, not per request, keeps
     * a busy endpoint from making 64 KB of garbage for every file it sends.
     */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER_SIZE]);

    private final AudioSource source;
    private final long maxUploadSize;
    private final Cancellable request;
    private volatile boolean started;
    private volatile long sent;

    AudioPartBody(AudioSource source, long maxUploadSize, Cancellable request) {
        super(ContentType.create(source.format().contentType()));
        this.source = source;
        this.maxUploadSize = maxUploadSize;
        this.request = request;
    }

    boolean started() {
        return started;
    }

    /** Bytes written to the connection so far. */
    long sent() {
        return sent;
    }

    @Override
    public String getFilename() {
        return source.fileName();
    }

    @Override
    public long getContentLength() {
        return source.length();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        started = true;
        byte[] buffer = BUFFERS.get();
        long read = 0;
        try (InputStream in = open()) {
            int n;
            while ((n = read(in, buffer)) > 0) {
                read += n;
                if (read > maxUploadSize) {
                    request.cancel();
                    throw UploadLimits.tooLarge(source, read, maxUploadSize);
                }
                out.write(buffer, 0, n);
                sent = read;
            }
        }
        if (source.length() >= 0 && read < source.length()) {
            // sent as it is, the body would stop short of its Content-Length and the server would wait for the rest
            request.cancel();
            throw new TogetherAudioException("the audio '" + source.describe() + "' ended after " + read + " of the "
                    + source.length() + " bytes announced: it changed or was cut short while being sent");
        }
    }

    /** A source that cannot be opened (a file moved away between attempts) is not a network failure either. */
    private InputStream open() {
        try {
            return source.open();
        } catch (IOException e) {
            request.cancel();
            throw new TogetherAudioException("cannot open the audio '" + source.describe() + "': " + e, e);
        }
    }

    /** A failing source is not a network failure: it is reported as such, and not retried. */
    private int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            request.cancel();
            throw new TogetherAudioException("cannot read the audio '" + source.describe() + "': " + e.getMessage(), e);
        }
    }
}
