package io.cameltogether.audio.client.result;

import io.cameltogether.audio.client.RateLimits;

/**
 * A successful batch answer: the API's JSON as received, the same parsed, the response id (from the body or the
 * {@code x-request-id} header) when there is one, and the rate-limit headers of the answer.
 */
public record BatchResponse(String json, TranscriptionResult result, String requestId, RateLimits rateLimits) {
}
