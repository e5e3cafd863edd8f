package io.cameltogether.audio.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;

import io.cameltogether.audio.client.transport.ApiHttpClients;

/**
 * Asks the API whether it is reachable and takes the key: GET /v1/models, the cheapest authenticated call. Answers
 * from its last call for {@code reuseFor}, so that health endpoints polled by several probes at once cost one call.
 */
public final class ApiProbe implements AutoCloseable {

    private final URI modelsUrl;
    private final Duration reuseFor;
    private final ClientSettings settings;
    private final Duration timeout;
    /** Made on the first check: most endpoints are never probed, and an HttpClient costs start-up time. */
    private CloseableHttpClient http;
    private ApiStatus last;
    private boolean closed;

    public ApiProbe(ClientSettings settings, Duration timeout, Duration reuseFor) {
        this.modelsUrl = settings.resolve("models");
        this.reuseFor = reuseFor;
        this.settings = settings;
        this.timeout = timeout;
    }

    public synchronized ApiStatus check() {
        long now = System.nanoTime();
        if (last == null || now - last.checkedAtNanos() >= reuseFor.toNanos()) {
            if (closed) {
                throw new IllegalStateException("the probe is closed");
            }
            if (http == null) {
                http = ApiHttpClients.create(settings.apiKey(), timeout, timeout, 1, settings.network(),
                        settings.baseUrl());
            }
            last = call(now);
        }
        return last;
    }

    private ApiStatus call(long now) {
        try {
            return http.execute(new HttpGet(modelsUrl), response -> {
                if (response.getCode() / 100 == 2) {
                    return ApiStatus.up(modelsUrl, response.getCode(), now); // the catalogue itself is not needed
                }
                String body = response.getEntity() == null
                        ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                Header requestId = response.getFirstHeader("x-request-id");
                return ApiStatus.answered(modelsUrl, ApiErrors.toException(response.getCode(),
                        response.getReasonPhrase(), body, requestId == null ? null : requestId.getValue()), now);
            });
        } catch (IOException e) {
            return ApiStatus.unreachable(modelsUrl, e, now);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (http != null) {
            http.close(CloseMode.GRACEFUL);
        }
    }
}
