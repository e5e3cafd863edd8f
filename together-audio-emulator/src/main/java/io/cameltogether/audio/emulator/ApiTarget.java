package io.cameltogether.audio.emulator;

/**
 * Where a demo or a local run should send its requests: {@code TOGETHER_BASE_URL} when set (a running emulator, a
 * gateway), with {@code TOGETHER_API_KEY} or else the emulator's key; the real Together API when only
 * {@code TOGETHER_API_KEY} is set; otherwise a freshly started emulator, announced on standard output so nobody
 * mistakes its transcripts for real ones. Close it to stop the emulator.
 *
 * @param emulator null when the real API is used
 */
public record ApiTarget(String baseUrl, String apiKey, TogetherAudioEmulator emulator) implements AutoCloseable {

    public static final String REAL_BASE_URL = "https://api.together.xyz/v1";
    public static final String KEY_VARIABLE = "TOGETHER_API_KEY";
    public static final String BASE_URL_VARIABLE = "TOGETHER_BASE_URL";

    public static ApiTarget fromEnvironment() {
        String key = System.getenv(KEY_VARIABLE);
        String baseUrl = System.getenv(BASE_URL_VARIABLE);
        if (baseUrl != null && !baseUrl.isBlank()) {
            boolean keyGiven = key != null && !key.isBlank();
            System.out.println("Using the API at " + baseUrl + " (from " + BASE_URL_VARIABLE + ") with "
                    + (keyGiven ? "the key from " + KEY_VARIABLE : "the emulator's key") + ".");
            return new ApiTarget(baseUrl, keyGiven ? key : TogetherAudioEmulator.DEFAULT_API_KEY, null);
        }
        if (key != null && !key.isBlank()) {
            System.out.println("Using the Together AI API with the key from " + KEY_VARIABLE + ".");
            return new ApiTarget(REAL_BASE_URL, key, null);
        }
        TogetherAudioEmulator emulator = new TogetherAudioEmulator().start();
        System.out.println("No " + KEY_VARIABLE + " set: using the embedded Together audio emulator at "
                + emulator.baseUrl() + ". Transcripts will be EMULATED, not real speech recognition.");
        return new ApiTarget(emulator.baseUrl(), emulator.apiKey(), emulator);
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    public String toString() {
        return "ApiTarget[" + baseUrl + (emulator != null ? ", emulated" : "") + "]";
    }
}
