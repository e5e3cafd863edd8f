package io.cameltogether.audio.emulator;

import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * GET /v1/models: the cheap authenticated call health checks use. Lists the speech models the emulator serves, as
 * the real API lists its catalogue (a JSON array of model objects). Takes the next {@link Fault} like every request.
 */
final class ModelsHandler implements Handler<HttpServerRequest> {

    static final String PATH = "/v1/models";

    private final TogetherAudioEmulator emulator;
    private final AtomicLong ids = new AtomicLong();

    ModelsHandler(TogetherAudioEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void handle(HttpServerRequest request) {
        Fault fault = emulator.nextFault();
        emulator.countModelsRequest();
        if (fault != null && (fault.kind == Fault.Kind.RESET || fault.kind == Fault.Kind.TRUNCATE)) {
            request.connection().close();
            return;
        }
        if (fault != null && fault.kind == Fault.Kind.DELAY) {
            emulator.vertx().setTimer(fault.delay.toMillis(), t -> answer(request, null));
            return;
        }
        answer(request, fault);
    }

    private void answer(HttpServerRequest request, Fault fault) {
        request.response().putHeader("Content-Type", "application/json")
                .putHeader("x-request-id", "emu-models-" + ids.incrementAndGet());
        try {
            if (request.method() != HttpMethod.GET) {
                throw new ApiError(405, "invalid_request_error", "not_found", null,
                        request.method() + " " + PATH + " is not an endpoint of this API");
            }
            ApiRules.checkAuthorization(request, emulator.apiKey());
            if (fault != null && fault.kind == Fault.Kind.STATUS) {
                fault.putRetryAfter(request.response());
                throw fault.toApiError();
            }
            request.response().setStatusCode(200).end(catalogue());
        } catch (ApiError e) {
            request.response().setStatusCode(e.status).end(e.body());
        }
    }

    private static String catalogue() {
        ArrayNode models = Json.MAPPER.createArrayNode();
        for (String id : new TreeSet<>(ApiRules.MODELS)) {
            models.addObject().put("id", id).put("object", "model").put("type", "transcribe")
                    .put("display_name", id + " (emulated)").put("organization", id.substring(0, id.indexOf('/')))
                    .put("created", 0);
        }
        return models.toString();
    }
}
