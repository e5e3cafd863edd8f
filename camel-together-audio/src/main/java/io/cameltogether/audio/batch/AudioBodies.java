package io.cameltogether.audio.batch;

import java.io.File;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;

import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.request.AudioFormat;
import io.cameltogether.audio.client.request.AudioSource;

/** Turns a message body into the audio of a request, without reading it into memory. */
final class AudioBodies {

    /** Headers the usual consumers set with the object's name or size. */
    private static final String[] NAME_HEADERS = { TogetherAudioConstants.FILE_NAME, Exchange.FILE_NAME_ONLY,
            Exchange.FILE_NAME, "CamelAwsS3Key" };
    private static final String[] LENGTH_HEADERS = { Exchange.FILE_LENGTH, "CamelAwsS3ContentLength",
            Exchange.CONTENT_LENGTH };

    private AudioBodies() {
    }

    static AudioSource from(Message message) throws NoTypeConversionAvailableException {
        Object body = message.getBody();
        if (body instanceof WrappedFile<?> wrapped) {
            body = content(message, wrapped);
        }
        String name = fileName(message);
        String contentType = contentType(message);
        if (body instanceof File file) {
            return AudioSource.file(file.toPath(), name, contentType);
        }
        if (body instanceof Path path) {
            return AudioSource.file(path, name, contentType);
        }
        if (body instanceof byte[] bytes) {
            return AudioSource.bytes(bytes, name, contentType);
        }
        if (body instanceof StreamCache cache && body instanceof InputStream in) {
            return AudioSource.rereadable(() -> {
                cache.reset();
                return new UnclosableStream(in);
            }, name, contentType, cache.length());
        }
        if (body instanceof InputStream in) {
            return AudioSource.stream(in, name, contentType, length(message));
        }
        if (body instanceof String || body instanceof URI || body instanceof URL) {
            return AudioSource.url(body.toString());
        }
        throw new AudioValidationException("body " + (body == null ? "is empty" : "of type "
                + body.getClass().getName() + " is not audio") + ": send a File, Path, file consumer message (file, "
                + "ftp, sftp), byte[], InputStream, or an https URL as a String or URI");
    }

    /**
     * A local file is read from disk. A remote one (ftp, sftp) is what its consumer downloaded: a byte[], a local
     * work file or, with streamDownload, a stream; if it is not downloaded yet, its binding streams it.
     */
    private static Object content(Message message, WrappedFile<?> wrapped) throws NoTypeConversionAvailableException {
        if (wrapped.getFile() instanceof File file) {
            if (!file.exists()) {
                throw new AudioValidationException("the file consumer handed over " + file + ", which no longer "
                        + "exists: another exchange has probably moved it already. A poll can list a file that an "
                        + "exchange still in flight then moves; consume with readLock=changed (and readLockMinAge), "
                        + "which checks that a file still exists before its exchange starts");
            }
            return file;
        }
        Object downloaded = wrapped.getBody();
        if (downloaded instanceof File || downloaded instanceof byte[] || downloaded instanceof InputStream) {
            return downloaded;
        }
        return message.getExchange().getContext().getTypeConverter()
                .mandatoryConvertTo(InputStream.class, message.getExchange(), wrapped);
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
