package io.cameltogether.audio.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.Closer;

/**
 * Copies an answer's body up to a limit, refusing it as it comes: one announced or found longer fails before it is
 * read further. On any failure the request is cancelled before its stream closes, since closing it normally would
 * read on to the answer's end, however far.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    /**
     * @param tooLarge the failure for an answer over {@code max}, given what was found ("N bytes announced", "more
     *                 than N bytes")
     * @throws IOException when the body breaks off (the request is cancelled)
     */
    public static void copy(HttpUriRequestBase request, HttpEntity entity, OutputStream to, long max,
                            Function<String, RuntimeException> tooLarge) throws IOException {
        if (entity == null) {
            return;
        }
        if (entity.getContentLength() > max) {
            request.cancel();
            throw tooLarge.apply(entity.getContentLength() + " bytes announced");
        }
        InputStream in = entity.getContent();
        long total = 0;
        try {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > max) {
                    throw tooLarge.apply("more than " + max + " bytes");
                }
                to.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            request.cancel();
            Closer.closeQuietly(in);
            throw e;
        }
        in.close();
    }
}
