package io.cameltogether.audio.client.request;

/** The two batch endpoints of the audio API. */
public enum BatchTask {
    TRANSCRIBE("audio/transcriptions", "transcribe"),
    TRANSLATE("audio/translations", "translate");

    private final String path;
    private final String taskName;

    BatchTask(String path, String taskName) {
        this.path = path;
        this.taskName = taskName;
    }

    /** Path relative to the API base URL. */
    public String path() {
        return path;
    }

    /** The {@code task} value verbose_json reports for this endpoint. */
    public String taskName() {
        return taskName;
    }
}
