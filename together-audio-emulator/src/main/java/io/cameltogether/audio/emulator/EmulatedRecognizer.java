package io.cameltogether.audio.emulator;

import java.util.List;
import java.util.Locale;

/**
 * What the emulator's "recognition" makes of audio it has inspected, as the real API judges it: the format from the
 * bytes, the limits, and a transcript of the audio's duration in the response format asked for. Shared by the batch
 * endpoints and batch jobs, which answer the same audio alike.
 */
final class EmulatedRecognizer {

    /** The answer's JSON body and the audio's length, which sets how long the work takes. */
    record Recognized(String body, double durationSeconds) {
    }

    private EmulatedRecognizer() {
    }

    static Recognized recognize(String task, UploadInspector audio, BatchParams params, BatchLimits limits)
            throws ApiError {
        byte[] head = audio.head();
        String format = AudioProbe.format(head).orElseThrow(() -> new ApiError(400, "invalid_request_error",
                "unsupported_format", "file", audio.total() == 0 ? "The audio file is empty"
                : "Unsupported audio format: supported formats are .wav, .mp3, .m4a, .webm, .flac, .ogg, .opus, .aac"));
        if (!AudioProbe.decodable(format, head, audio.total())) {
            throw new ApiError(400, "invalid_request_error", "unsupported_format", "file",
                    "The audio file could not be decoded: it holds no audio samples");
        }
        double duration = AudioProbe.durationSeconds(format, head, audio.tail(), audio.total(),
                audio.mp3FrameSeconds());
        if (duration > limits.maxDurationSeconds) {
            throw new ApiError(400, "invalid_request_error", "audio_too_long", "file", String.format(Locale.ROOT,
                    "Audio is %.0f s long; the limit is %.0f s (4 hours)", duration, limits.maxDurationSeconds));
        }
        List<EnergyVad.Turn> speech = format.equals("wav") ? audio.speech().turns() : null;
        EmulatedTranscript transcript = speech != null
                ? EmulatedTranscript.spoken(speech, audio.speech().sampleRate(), duration)
                : new EmulatedTranscript(audio.crc32c(), duration);
        String body = params.verbose()
                ? transcript.verbose(task, params.language(), params.wordTimestamps(), params.speakers()).toString()
                : Json.MAPPER.createObjectNode().put("text", transcript.text()).toString();
        return new Recognized(body, duration);
    }

    /** How long the work on audio this long takes, by the emulator's processing-time model. */
    static long processingMillis(double durationSeconds, BatchLimits limits) {
        return Math.round(durationSeconds / 3600 * limits.processingSecondsPerAudioHour * 1000);
    }
}
