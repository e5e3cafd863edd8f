package io.cameltogether.audio.client.result;

/**
 * A successful batch answer: the API's JSON as received, the same parsed, and the response id (from the body or
 * the {@code x-request-id} header) when there is one.
 */
public record BatchResponse(String json, TranscriptionResult result, String requestId) {
}
