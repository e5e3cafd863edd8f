package io.cameltogether.audio.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one request brought to the emulator, for assertions.
 *
 * @param headers         lower-case names
 * @param partOrder       multipart part names in the order they arrived
 * @param fields          text fields (a URL {@code file} included), in order per name
 * @param fileBytes       audio bytes received, from the upload or the fetched URL
 * @param fileCrc32c      checksum of those bytes
 * @param status          the status the emulator answered with
 * @param clientPort      the client's port: the same on successive requests when a connection is kept alive
 * @param fault           the fault injected into this request ({@link Fault#toString()}), or null
 * @param answeredAfterMillis from the request's arrival to its answer: a client whose timeout is shorter never saw it
 */
public record RecordedRequest(
        String path,
        Map<String, List<String>> headers,
        List<String> partOrder,
        Map<String, List<String>> fields,
        String fileName,
        String fileContentType,
        long fileBytes,
        long fileCrc32c,
        int status,
        int clientPort,
        String fault,
        long answeredAfterMillis) {

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String field(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
