package io.cameltogether.audio.client.request;

import java.util.Set;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.OptionRules;

/**
 * The API fields of one transcription or translation request, apart from the audio itself. Null means "not sent":
 * the API's own default applies.
 *
 * @param responseFormat null lets {@link #resolve} choose what the wanted output needs
 */
public record BatchOptions(
        String model,
        String language,
        String prompt,
        ResponseFormat responseFormat,
        Double temperature,
        Set<TimestampGranularity> timestampGranularities,
        Boolean diarize,
        Integer minSpeakers,
        Integer maxSpeakers) {

    public BatchOptions {
        timestampGranularities = timestampGranularities == null ? Set.of() : Set.copyOf(timestampGranularities);
    }

    public boolean isDiarize() {
        return Boolean.TRUE.equals(diarize);
    }

    /**
     * Checks these options against the task and the wanted output, and fills in the response format. Every rule
     * here is one the API would enforce with a 400, or a combination whose result the caller could not get.
     */
    public BatchOptions resolve(BatchTask task, OutputFormat output) {
        OptionRules.model("model", model, "a Together speech-to-text model such as openai/whisper-large-v3 or "
                + "nvidia/parakeet-tdt-0.6b-v3");
        OptionRules.fraction("temperature", temperature);
        checkSpeakers();
        if (task == BatchTask.TRANSLATE && (isDiarize() || minSpeakers != null || maxSpeakers != null)) {
            throw new AudioValidationException("diarize, minSpeakers and maxSpeakers are not accepted by translate: "
                    + "speaker diarization is offered only by transcribe");
        }
        boolean needsVerbose = output.needsTimestamps() || !timestampGranularities.isEmpty() || isDiarize();
        ResponseFormat format = responseFormat;
        if (format == null) {
            format = needsVerbose || output == OutputFormat.RESULT ? ResponseFormat.VERBOSE_JSON : ResponseFormat.JSON;
        } else if (format == ResponseFormat.JSON && needsVerbose) {
            throw new AudioValidationException("responseFormat json cannot honour " + verboseReason(output)
                    + ": json carries only the text; use responseFormat verbose_json or leave it unset");
        }
        return withResponseFormat(format);
    }

    /** These options with other timestamp granularities. */
    public BatchOptions withTimestampGranularities(Set<TimestampGranularity> granularities) {
        return new BatchOptions(model, language, prompt, responseFormat, temperature, granularities, diarize,
                minSpeakers, maxSpeakers);
    }

    /** These options with another response format. */
    public BatchOptions withResponseFormat(ResponseFormat format) {
        return new BatchOptions(model, language, prompt, format, temperature, timestampGranularities, diarize,
                minSpeakers, maxSpeakers);
    }

    private void checkSpeakers() {
        for (Integer count : new Integer[] { minSpeakers, maxSpeakers }) {
            if (count != null && count < 1) {
                throw new AudioValidationException("speaker count " + count + " is not valid: minSpeakers and "
                        + "maxSpeakers must be at least 1");
            }
        }
        if (minSpeakers != null && maxSpeakers != null && minSpeakers > maxSpeakers) {
            throw new AudioValidationException("minSpeakers " + minSpeakers + " is greater than maxSpeakers "
                    + maxSpeakers);
        }
        if ((minSpeakers != null || maxSpeakers != null) && !isDiarize()) {
            throw new AudioValidationException("minSpeakers and maxSpeakers only apply with diarize=true");
        }
    }

    private String verboseReason(OutputFormat output) {
        if (output.needsTimestamps()) {
            return "outputFormat " + output.name().toLowerCase(java.util.Locale.ROOT) + " (subtitles need timestamps)";
        }
        if (isDiarize()) {
            return "diarize=true (speaker segments)";
        }
        return "timestampGranularities " + timestampGranularities;
    }
}
