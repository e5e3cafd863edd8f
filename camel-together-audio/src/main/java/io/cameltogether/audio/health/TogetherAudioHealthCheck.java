package io.cameltogether.audio.health;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import io.cameltogether.audio.client.ApiProbe;
import io.cameltogether.audio.client.ApiStatus;
import io.cameltogether.audio.client.TogetherAudioApiException;

/**
 * Readiness of one endpoint's producers: is the Together API reachable, and does it take the key? DOWN on a refused
 * key, an error answer or no answer; UP otherwise, rate limiting included. Not a liveness check: restarting the
 * application cannot fix the network or a key.
 */
public final class TogetherAudioHealthCheck extends AbstractHealthCheck {

    private final ApiProbe probe;

    TogetherAudioHealthCheck(String id, String endpointUri, ApiProbe probe) {
        super("camel", id);
        this.probe = probe;
        addMetaData(ENDPOINT_URI, endpointUri);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ApiStatus status = probe.check();
        builder.detail("url", status.url().toString()).detail("state", status.state().name());
        if (status.httpStatus() > 0) {
            builder.detail(HTTP_RESPONSE_CODE, status.httpStatus());
        }
        if (status.failure() instanceof TogetherAudioApiException api && api.getCode() != null) {
            builder.detail(SERVICE_ERROR_CODE, api.getCode());
        }
        if (status.isUp()) {
            builder.up();
            return;
        }
        builder.down().error(status.failure()).message(switch (status.state()) {
            case UNAUTHORIZED -> "the Together API refused the API key: set a valid key on the component or in "
                    + "TOGETHER_API_KEY";
            case UNREACHABLE -> "cannot reach the Together API at " + status.url() + ": " + status.failure();
            default -> "the Together API answers with errors: " + status.failure().getMessage();
        });
    }
}
