package io.cameltogether.audio.batch;

import java.io.FilterInputStream;
import java.io.InputStream;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.StreamCache;

import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.request.AudioFormat;
import io.cameltogether.audio.client.request.AudioSource;
import io.cameltogether.audio.support.AudioBody;

/** Turns a message body into the audio of a request, named and typed from its headers, without reading it. */
final class AudioBodies {

    /** Headers the usual consumers set with the object's name or size. */
    private static final String[] NAME_HEADERS = { TogetherAudioConstants.FILE_NAME, Exchange.FILE_NAME_ONLY,
            Exchange.FILE_NAME, "CamelAwsS3Key" };
    private static final String[] LENGTH_HEADERS = { Exchange.FILE_LENGTH, "CamelAwsS3ContentLength",
            Exchange.CONTENT_LENGTH };

    private AudioBodies() {
    }

    static AudioSource from(Message message) throws NoTypeConversionAvailableException {
        String name = fileName(message);
        String contentType = contentType(message);
        AudioBody body = AudioBody.of(message);
        if (body instanceof AudioBody.OnDisk file) {
            return AudioSource.file(file.path(), name, contentType);
        }
        if (body instanceof AudioBody.InMemory memory) {
            return AudioSource.bytes(memory.bytes(), name, contentType);
        }
        if (body instanceof AudioBody.Streamed stream && stream.rereadable() != null) {
            StreamCache cache = stream.rereadable();
            return AudioSource.rereadable(() -> {
                cache.reset();
                return new UnclosableStream(stream.stream());
            }, name, contentType, cache.length());
        }
        if (body instanceof AudioBody.Streamed stream) {
            return AudioSource.stream(stream.stream(), name, contentType, length(message));
        }
        return AudioSource.url(((AudioBody.Url) body).url());
    }

    private static String fileName(Message message) {
        for (String header : NAME_HEADERS) {
            String value = message.getHeader(header, String.class);
            if (value != null && !value.isBlank()) {
                return value.substring(value.lastIndexOf('/') + 1);
            }
        }
        return null;
    }

    /** Our header, else a Content-Type that names an audio format (an HTTP upload's multipart type does not). */
    private static String contentType(Message message) {
        String ours = message.getHeader(TogetherAudioConstants.CONTENT_TYPE, String.class);
        if (ours != null) {
            return ours;
        }
        String general = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        return AudioFormat.fromContentType(general).isPresent() ? general : null;
    }

    private static long length(Message message) {
        for (String header : LENGTH_HEADERS) {
            Long value = message.getHeader(header, Long.class);
            if (value != null && value >= 0) {
                return value;
            }
        }
        return -1;
    }

    /** A stream cache is re-read on retry, so sending must not close it; Camel closes it with the exchange. */
    private static final class UnclosableStream extends FilterInputStream {
        UnclosableStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // owned by the exchange
        }
    }
}
