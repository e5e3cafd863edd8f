package io.cameltogether.audio.emulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator until stopped:
 * {@code java -cp ... EmulatorMain [--port=N] [--api-key=K] [--max-upload-bytes=N] [--max-duration-seconds=S]
 * [--processing-seconds-per-audio-hour=S] [--bare-transcription-events=true] [--processed-events=true]
 * [--confidences=true] [--rate-limit=REQUESTS_PER_SECOND] [--html-payload-too-large=true]}.
 * Prints one line with the base URL, which scripts can read.
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // nobody can read a standalone emulator's recordings: keeping them would only fill its heap
        TogetherAudioEmulator emulator = new TogetherAudioEmulator().withRequestRecording(false);
        int port = 0;
        for (String arg : args) {
            String[] option = arg.split("=", 2);
            if (option.length != 2) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            switch (option[0]) {
                case "--port" -> port = Integer.parseInt(option[1]);
                case "--api-key" -> emulator.withApiKey(option[1]);
                case "--max-upload-bytes" -> emulator.withMaxUploadBytes(Long.parseLong(option[1]));
                case "--max-duration-seconds" -> emulator.withMaxDurationSeconds(Double.parseDouble(option[1]));
                case "--processing-seconds-per-audio-hour" ->
                        emulator.withProcessingSecondsPerAudioHour(Double.parseDouble(option[1]));
                case "--bare-transcription-events" -> emulator.withBareTranscriptionEvents(Boolean.parseBoolean(option[1]));
                case "--processed-events" -> emulator.withProcessedEvents(Boolean.parseBoolean(option[1]));
                case "--confidences" -> emulator.withConfidences(Boolean.parseBoolean(option[1]));
                case "--rate-limit" -> emulator.withRateLimit(Double.parseDouble(option[1]));
                case "--html-payload-too-large" -> emulator.withHtmlPayloadTooLarge(Boolean.parseBoolean(option[1]));
                default -> throw new IllegalArgumentException("unknown option " + option[0]);
            }
        }
        emulator.start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        System.out.println("Together audio API emulator listening at " + emulator.baseUrl()
                + " (API key: " + emulator.apiKey() + "). Transcripts are emulated, not real. Ctrl-C stops it.");
        stopped.await();
    }
}
