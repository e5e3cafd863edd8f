package io.cameltogether.audio.client.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

import io.cameltogether.audio.client.ApiErrors;
import io.cameltogether.audio.client.RetryPolicy;
import io.cameltogether.audio.client.TogetherAudioApiException;
import io.cameltogether.audio.client.transport.BoundedBody;

/**
 * One HTTP exchange with the Files or Batches API, read within bounds: a JSON answer up to a size, a file's content
 * to disk up to another. Whether to try again is the caller's ({@link BatchJobsClient}).
 */
final class JobsHttp {

    /**
     * What came back.
     *
     * @param failure    the typed error of a non-2xx answer, or null
     * @param retryAfter the delay the server asked for (bounded), or null
     */
    record Answer(int status, String body, TogetherAudioApiException failure, Duration retryAfter) {

        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final CloseableHttpClient http;
    private final long maxAnswerSize;

    JobsHttp(CloseableHttpClient http, long maxAnswerSize) {
        this.http = http;
        this.maxAnswerSize = maxAnswerSize;
    }

    /**
     * Sends the request and reads the answer's text, up to maxAnswerSize bytes.
     *
     * @throws IOException no answer, or one cut off
     */
    Answer call(HttpUriRequestBase request) throws IOException {
        return http.execute(request, response -> {
            int status = response.getCode();
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            copy(request, response, text, maxAnswerSize, "answer");
            return answer(response, status, text.toString(StandardCharsets.UTF_8));
        });
    }

    /**
     * Streams a 2xx answer's body into the file, up to maxBytes; any other answer is read as an error.
     *
     * @throws IOException no answer, one cut off, or the file cannot be written
     */
    Answer download(HttpUriRequestBase request, Path target, long maxBytes) throws IOException {
        return http.execute(request, response -> {
            int status = response.getCode();
            if (status / 100 != 2) {
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                copy(request, response, text, maxAnswerSize, "answer");
                return answer(response, status, text.toString(StandardCharsets.UTF_8));
            }
            try (OutputStream file = Files.newOutputStream(target)) {
                copy(request, response, file, maxBytes, "file");
            }
            return new Answer(status, "", null, null);
        });
    }

    private static Answer answer(ClassicHttpResponse response, int status, String body) {
        if (status / 100 == 2) {
            return new Answer(status, body, null, null);
        }
        TogetherAudioApiException error = ApiErrors.toException(status, response.getReasonPhrase(), body,
                value(response.getFirstHeader("x-request-id")));
        return new Answer(status, body, error, RetryPolicy.serverDelay(value(response.getFirstHeader("retry-after-ms")),
                value(response.getFirstHeader("retry-after"))));
    }

    private static void copy(HttpUriRequestBase request, ClassicHttpResponse response, OutputStream to, long max,
                             String what) throws IOException {
        BoundedBody.copy(request, response.getEntity(), to, max, size -> tooLarge(request, what, size, max));
    }

    private static OversizedAnswerException tooLarge(HttpUriRequestBase request, String what, String size, long max) {
        return new OversizedAnswerException("the " + what + " of " + request.getMethod() + " " + request.getPath()
                + " is " + size + ", over the limit of " + max + " bytes; it was not read");
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }
}
