package io.cameltogether.audio.emulator;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vertx.core.http.HttpServerRequest;

/** What the real API accepts on its batch endpoints, per its OpenAPI and docs. */
final class ApiRules {

    static final String DEFAULT_MODEL = "openai/whisper-large-v3";
    static final Set<String> MODELS = Set.of("openai/whisper-large-v3", "nvidia/parakeet-tdt-0.6b-v3",
            "nvidia/nemotron-3-asr-streaming-0.6b", "nvidia/nemotron-3.5-asr-streaming-0.6b", "deepgram/nova-3-en",
            "deepgram/nova-3-multi", "deepgram/flux");
    static final Set<String> FORMATS = Set.of("wav", "mp3", "m4a", "webm", "flac", "ogg", "opus", "aac");
    static final String GRANULARITIES = "timestamp_granularities";
    /** What a recorded Authorization header holds in place of the key. */
    static final String REDACTED = "[key checked, not recorded]";
    static final String GRANULARITIES_ARRAY = "timestamp_granularities[]";

    private static final List<String> COMMON = List.of("file", "model", "language", "prompt", "response_format",
            "temperature", GRANULARITIES, GRANULARITIES_ARRAY);
    private static final List<String> DIARIZATION = List.of("diarize", "min_speakers", "max_speakers");

    /** The batch endpoints' paths and the task each reports. */
    static final Map<String, String> TASKS = Map.of(
            "/v1/audio/transcriptions", "transcribe",
            "/v1/audio/translations", "translate");

    private ApiRules() {
    }

    static boolean accepts(String task, String field) {
        return COMMON.contains(field) || task.equals("transcribe") && DIARIZATION.contains(field);
    }

    /** Every endpoint wants {@code Authorization: Bearer <key>}: 401 without it or with another key. */
    static void checkAuthorization(HttpServerRequest request, String apiKey) throws ApiError {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new ApiError(401, "invalid_request_error", "missing_api_key", null,
                    "No API key provided: send 'Authorization: Bearer <key>'");
        }
        if (!authorization.substring(7).equals(apiKey)) {
            throw new ApiError(401, "invalid_request_error", "invalid_api_key", null, "Invalid API key provided");
        }
    }

    /** A header as the emulator records it: the key is checked, never kept (recordings are printed and logged). */
    static String recordable(String name, String value) {
        return name.equalsIgnoreCase("Authorization") && value.startsWith("Bearer ") ? "Bearer " + REDACTED : value;
    }

    static boolean isRepeatable(String field) {
        return field.equals(GRANULARITIES) || field.equals(GRANULARITIES_ARRAY);
    }
}
