package io.cameltogether.audio.client.jobs;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of a JSONL file from the server, each read up to a bound: a longer line is skipped to its end and
 * reported as {@link #TOO_LONG}, never held.
 */
final class BoundedLines implements Closeable {

    /** Returned in place of a line over the bound. */
    static final String TOO_LONG = "\u0000too long";

    private final InputStream in;
    private final int maxLineBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    BoundedLines(Path file, long maxLineBytes) throws IOException {
        this.in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        this.maxLineBytes = (int) Math.min(maxLineBytes, Integer.MAX_VALUE - 8);
    }

    /** The next line that is not blank, {@link #TOO_LONG}, or null at the end. */
    String next() throws IOException {
        while (true) {
            line.reset();
            boolean tooLong = false;
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (line.size() < maxLineBytes) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
            if (tooLong) {
                return TOO_LONG;
            }
            if (b < 0 && line.size() == 0) {
                return null;
            }
            String text = line.toString(StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                return text;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
