package io.cameltogether.audio.client.request;

/** The API's {@code response_format}: the only two it offers. Text and subtitles are rendered client-side. */
public enum ResponseFormat {
    JSON("json"),
    VERBOSE_JSON("verbose_json");

    private final String wireName;

    ResponseFormat(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
