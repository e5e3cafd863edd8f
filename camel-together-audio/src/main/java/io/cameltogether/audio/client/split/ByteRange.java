package io.cameltogether.audio.client.split;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes {@code start} to {@code end} of a stream. A stream that ends before {@code end} fails, so that a part of
 * a recording that changed since it was planned is never sent short.
 */
final class ByteRange extends FilterInputStream {

    private long remaining;

    private ByteRange(InputStream in, long length) {
        super(in);
        this.remaining = length;
    }

    static InputStream of(InputStream source, long start, long end) throws IOException {
        try {
            source.skipNBytes(start);
        } catch (IOException e) {
            source.close();
            throw e;
        }
        return new ByteRange(source, end - start);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int read = super.read(buffer, offset, (int) Math.min(length, remaining));
        if (read < 0) {
            throw new EOFException("the audio ended " + remaining + " bytes before the end of the part");
        }
        remaining -= read;
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, remaining));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
