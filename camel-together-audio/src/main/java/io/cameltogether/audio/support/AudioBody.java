package io.cameltogether.audio.support;

import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.apache.camel.Message;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.request.AudioSource;

/**
 * A message body as audio, resolved the same way for batch and realtime, so the same bad body gets the same message:
 * a file on disk (File, Path, or what the file, ftp and sftp consumers hand over), bytes (byte[], ByteBuffer), a
 * stream (InputStream, a stream cache that can be read again), or an https URL (String, URI, URL; batch only). Nothing
 * is read into memory here.
 */
public sealed interface AudioBody {

    /** A local file; it exists and can be read. */
    record OnDisk(Path path) implements AudioBody {
    }

    record InMemory(byte[] bytes) implements AudioBody {
    }

    /** @param rereadable the stream cache behind the stream, which can be reset and read again; or null */
    record Streamed(InputStream stream, StreamCache rereadable) implements AudioBody {
    }

    record Url(String url) implements AudioBody {
    }

    static AudioBody of(Message message) throws NoTypeConversionAvailableException {
        Object body = message.getBody();
        if (body instanceof WrappedFile<?> wrapped) {
            body = content(message, wrapped);
        }
        if (body instanceof File file) {
            return onDisk(file.toPath());
        }
        if (body instanceof Path path) {
            return onDisk(path);
        }
        if (body instanceof byte[] bytes) {
            return new InMemory(bytes);
        }
        if (body instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return new InMemory(bytes);
        }
        if (body instanceof InputStream in) {
            return new Streamed(in, body instanceof StreamCache cache ? cache : null);
        }
        if (body instanceof String || body instanceof URI || body instanceof URL) {
            return new Url(body.toString());
        }
        throw new AudioValidationException("body " + (body == null ? "is empty" : "of type "
                + body.getClass().getName() + " is not audio") + ": send a File, Path, file consumer message (file, "
                + "ftp, sftp), byte[], ByteBuffer, InputStream, or (to transcribe or translate) an https URL as a "
                + "String or URI");
    }

    private static OnDisk onDisk(Path path) {
        AudioSource.requireReadableFile(path);
        return new OnDisk(path);
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
}
