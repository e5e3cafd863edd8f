package io.cameltogether.examples.upload;

import org.apache.camel.CamelExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.TogetherAudioApiException;
import io.cameltogether.audio.client.TogetherAudioException;

/**
 * Failures as RFC 9457 problem details. The caller's fault (bad audio, bad options) is a 4xx with the reason; the
 * service's (a refused key, an API outage) is a 502 or 503 without internals.
 */
@RestControllerAdvice
public class UploadErrors {

    @ExceptionHandler(CamelExecutionException.class)
    ProblemDetail camelFailure(CamelExecutionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof AudioValidationException invalid) {
            return invalidInput(invalid);
        }
        if (cause instanceof TogetherAudioApiException api) {
            return apiFailure(api);
        }
        if (cause instanceof TogetherAudioException unreachable) {
            return problem(HttpStatus.BAD_GATEWAY, "speech-to-text is unreachable: " + unreachable.getMessage());
        }
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "transcription failed");
    }

    @ExceptionHandler(AudioValidationException.class)
    ProblemDetail invalidInput(AudioValidationException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "the recording is larger than this service accepts "
                + "(spring.servlet.multipart.max-file-size)");
    }

    private static ProblemDetail apiFailure(TogetherAudioApiException api) {
        if (api.getStatus() == 401 || api.getStatus() == 403) {
            return problem(HttpStatus.BAD_GATEWAY, "the service's speech-to-text credentials were refused");
        }
        if (api.getStatus() == 429 || api.getStatus() >= 500) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "speech-to-text is busy or failing; try again later");
        }
        // the API judged the recording itself: unreadable, too long, unsupported
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, api.getApiMessage());
        problem.setProperty("code", api.getCode());
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }
}
