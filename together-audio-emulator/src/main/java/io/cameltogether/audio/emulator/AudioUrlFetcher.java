package io.cameltogether.audio.emulator;

import java.net.URI;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Fetches the audio of an https (or http) URL into an inspector, as the real API fetches a {@code file} URL, from
 * loopback only: the emulator never reaches beyond this machine. Fails with the {@link ApiError} the API answers.
 */
final class AudioUrlFetcher {

    private final HttpClient client;

    AudioUrlFetcher(HttpClient client) {
        this.client = client;
    }

    Future<Void> fetch(String url, UploadInspector into, BatchLimits limits) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(ApiError.invalidParams("file", "file is neither an upload nor a valid URL"));
        }
        String host = uri.getHost();
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || host == null
                || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
            return Future.failedFuture(new ApiError(400, "invalid_request_error", "file_fetch_failed", "file",
                    "The emulator fetches audio URLs from loopback only, not from '" + host + "'"));
        }
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url))
                .compose(request -> request.send())
                .recover(e -> Future.failedFuture(fetchFailed("Could not fetch the audio URL: " + e.getMessage())))
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture(fetchFailed("Fetching the audio URL gave HTTP "
                                + response.statusCode()));
                    }
                    response.handler(into::update);
                    return response.end()
                            .recover(e -> Future.failedFuture(fetchFailed("The audio download broke off: "
                                    + e.getMessage())))
                            .compose(v -> into.total() > limits.maxUrlBytes
                                    ? Future.failedFuture(new ApiError(400, "invalid_request_error", "file_too_large",
                                            "file", "The audio at the URL exceeds the 1 GB limit"))
                                    : Future.<Void>succeededFuture());
                })
                .recover(e -> Future.failedFuture(e instanceof ApiError ? e : fetchFailed(String.valueOf(e))));
    }

    private static ApiError fetchFailed(String message) {
        return new ApiError(400, "invalid_request_error", "file_fetch_failed", "file", message);
    }
}
