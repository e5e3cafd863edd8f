package io.cameltogether.audio.emulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.http.HttpServerRequest;

/** The handshake of /v1/realtime: Bearer auth and scripted refusals, then the WebSocket session. */
final class RealtimeHandler {

    static final String PATH = "/v1/realtime";

    private final TogetherAudioEmulator emulator;

    RealtimeHandler(TogetherAudioEmulator emulator) {
        this.emulator = emulator;
    }

    void handle(HttpServerRequest request) {
        RealtimeFault fault = emulator.nextRealtimeFault();
        try {
            ApiRules.checkAuthorization(request, emulator.apiKey());
        } catch (ApiError refused) {
            refuse(request, refused);
            return;
        }
        if (fault != null && fault.kind == RealtimeFault.Kind.HANDSHAKE) {
            if (fault.after != null) {
                request.response().putHeader("Retry-After", Long.toString(fault.after.toSeconds()));
            }
            refuse(request, new ApiError(fault.code, fault.code == 429 ? "rate_limit_error" : "server_error",
                    fault.code == 429 ? "rate_limit_exceeded" : "service_unavailable", null,
                    "Emulated handshake refusal " + fault.code));
            return;
        }
        Map<String, String> query = new LinkedHashMap<>();
        request.params().forEach(p -> query.put(p.getKey(), p.getValue()));
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT),
                ApiRules.recordable(h.getKey(), h.getValue())));
        RealtimeConnectionLog log = emulator.recordRealtime(new RealtimeConnectionLog(request.path(), query, headers,
                emulator.recording()));
        request.toWebSocket().onSuccess(ws -> new EmulatedRealtimeSession(emulator, request, ws, query, fault, log).start());
    }

    private static void refuse(HttpServerRequest request, ApiError error) {
        request.response().setStatusCode(error.status).putHeader("Content-Type", "application/json").end(error.body());
    }
}
