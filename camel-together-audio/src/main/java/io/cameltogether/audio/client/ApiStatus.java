package io.cameltogether.audio.client;

import java.net.URI;

/**
 * What one probe of the API found.
 *
 * @param url        the URL probed
 * @param state      the verdict
 * @param httpStatus the answer's status, 0 when there was none
 * @param failure    the typed API error (a 429 included) or the connection failure; null after a 2xx answer
 * @param checkedAtNanos when the probe was made, on {@link System#nanoTime()}'s clock
 */
public record ApiStatus(URI url, State state, int httpStatus, Exception failure, long checkedAtNanos) {

    public enum State {
        /** Answered and took the key. */
        UP,
        /** Answered but refused the key (401, 403): every request will fail until the key is fixed. */
        UNAUTHORIZED,
        /** Answered with an error that is not about the key, e.g. 5xx. 429 counts as up: the key works. */
        FAILING,
        /** No answer: DNS, connection refused, TLS, timeout. */
        UNREACHABLE
    }

    static ApiStatus up(URI url, int httpStatus, long now) {
        return new ApiStatus(url, State.UP, httpStatus, null, now);
    }

    static ApiStatus answered(URI url, TogetherAudioApiException error, long now) {
        int status = error.getStatus();
        State state = status == 401 || status == 403 ? State.UNAUTHORIZED : status == 429 ? State.UP : State.FAILING;
        return new ApiStatus(url, state, status, error, now);
    }

    static ApiStatus unreachable(URI url, Exception cause, long now) {
        return new ApiStatus(url, State.UNREACHABLE, 0, cause, now);
    }

    public boolean isUp() {
        return state == State.UP;
    }
}
