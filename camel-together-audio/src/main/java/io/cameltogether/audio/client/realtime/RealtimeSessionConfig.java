package io.cameltogether.audio.client.realtime;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.OptionRules;
import io.cameltogether.audio.client.Json;

/**
 * What a realtime session transcribes with: model and audio format (in the URL), and the session settings.
 *
 * @param fallbackModels models to fail over to, in turn, when the endpoint says it cannot serve the current one
 *                       ({@code no_healthy_upstream})
 */
public record RealtimeSessionConfig(String model, List<String> fallbackModels, RealtimeAudioFormat format,
                                    String language, String prompt, TurnDetection turnDetection) {

    public RealtimeSessionConfig {
        OptionRules.model("model", model, "a realtime model such as openai/whisper-large-v3");
        fallbackModels = List.copyOf(fallbackModels);
        if (fallbackModels.stream().anyMatch(String::isBlank)) {
            throw new AudioValidationException("fallbackModels " + fallbackModels + " names an empty model: give "
                    + "model ids separated by commas, e.g. nvidia/parakeet-tdt-0.6b-v3");
        }
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(turnDetection, "turnDetection");
    }

    /** The model to use after this many fail-overs, or null when none is left. */
    String model(int failOvers) {
        return failOvers == 0 ? model : failOvers <= fallbackModels.size() ? fallbackModels.get(failOvers - 1) : null;
    }

    /** The query: model and format only. The key never goes into the URL. */
    String query(String model) {
        return "model=" + URLEncoder.encode(model, StandardCharsets.UTF_8) + "&input_audio_format=" + format.wireName();
    }

    /** {@code transcription_session.updated}, sent once the session is created (and again after a reconnect). */
    String sessionUpdate() {
        ObjectNode event = Json.MAPPER.createObjectNode().put("type", "transcription_session.updated");
        ObjectNode session = event.putObject("session");
        turnDetection.writeTo(session);
        if (language != null && !language.isBlank()) {
            session.put("language", language);
        }
        if (prompt != null && !prompt.isBlank()) {
            session.put("prompt", prompt);
        }
        return event.toString();
    }
}
