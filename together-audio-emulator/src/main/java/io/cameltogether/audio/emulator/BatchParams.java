package io.cameltogether.audio.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A batch request's fields, checked as strictly as the real API checks them. */
record BatchParams(String model, String language, boolean verbose, boolean wordTimestamps, boolean diarize,
                   Integer minSpeakers, Integer maxSpeakers, String url) {

    static BatchParams parse(String task, Map<String, List<String>> fields, int uploads) throws ApiError {
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            if (!ApiRules.accepts(task, field.getKey())) {
                throw ApiError.invalidParams(field.getKey(), "Unknown parameter '" + field.getKey() + "' for " + task);
            }
            if (field.getValue().size() > 1 && !ApiRules.isRepeatable(field.getKey())) {
                throw ApiError.invalidParams(field.getKey(), "Parameter '" + field.getKey() + "' given more than once");
            }
        }
        String url = single(fields, "file");
        if (uploads + (url == null ? 0 : 1) != 1) {
            throw ApiError.invalidParams("file", uploads + (url == null ? 0 : 1) == 0
                    ? "Field 'file' is required: an audio upload or an https URL" : "Only one 'file' may be given");
        }
        String model = orDefault(single(fields, "model"), ApiRules.DEFAULT_MODEL);
        if (!ApiRules.MODELS.contains(model)) {
            throw new ApiError(400, "invalid_request_error", "model_not_available", "model",
                    "Model '" + model + "' is not available for " + task);
        }
        String responseFormat = orDefault(single(fields, "response_format"), "json");
        if (!responseFormat.equals("json") && !responseFormat.equals("verbose_json")) {
            throw ApiError.invalidParams("response_format", "response_format must be json or verbose_json, got '"
                    + responseFormat + "'");
        }
        checkTemperature(single(fields, "temperature"));
        List<String> granularities = new ArrayList<>(fields.getOrDefault(ApiRules.GRANULARITIES, List.of()));
        granularities.addAll(fields.getOrDefault(ApiRules.GRANULARITIES_ARRAY, List.of()));
        for (String g : granularities) {
            if (!g.equals("segment") && !g.equals("word")) {
                throw ApiError.invalidParams("timestamp_granularities",
                        "timestamp_granularities must be segment or word, got '" + g + "'");
            }
        }
        if (granularities.stream().distinct().count() != granularities.size()) {
            throw ApiError.invalidParams("timestamp_granularities", "timestamp_granularities has duplicates");
        }
        boolean diarize = bool(single(fields, "diarize"));
        Integer min = positive(fields, "min_speakers");
        Integer max = positive(fields, "max_speakers");
        if (min != null && max != null && min > max) {
            throw ApiError.invalidParams("min_speakers", "min_speakers must not exceed max_speakers");
        }
        String language = single(fields, "language");
        if (language == null || language.equals("auto")) {
            language = "en";
        }
        return new BatchParams(model, language, responseFormat.equals("verbose_json"), granularities.contains("word"),
                diarize, min, max, url);
    }

    /** Speakers in the emulated conversation: two, unless the bounds say otherwise; 0 when not diarizing. */
    int speakers() {
        if (!diarize) {
            return 0;
        }
        int n = Math.max(2, minSpeakers == null ? 1 : minSpeakers);
        return maxSpeakers == null ? n : Math.min(n, maxSpeakers);
    }

    private static void checkTemperature(String value) throws ApiError {
        if (value == null) {
            return;
        }
        try {
            double t = Double.parseDouble(value);
            if (t >= 0 && t <= 1) {
                return;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiError.invalidParams("temperature", "temperature must be a number between 0 and 1, got '" + value + "'");
    }

    private static boolean bool(String value) throws ApiError {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.invalidParams("diarize", "diarize must be true or false, got '" + value + "'");
        };
    }

    private static Integer positive(Map<String, List<String>> fields, String name) throws ApiError {
        String value = single(fields, name);
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiError.invalidParams(name, name + " must be a positive integer, got '" + value + "'");
    }

    private static String single(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null ? null : values.get(0);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
