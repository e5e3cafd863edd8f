package io.cameltogether.audio.emulator;

/** An ErrorData answer: {@code {"error":{"message","type","param","code"}}}. */
final class ApiError extends Exception {

    final int status;
    final String type;
    final String code;
    final String param;

    ApiError(int status, String type, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static ApiError invalidParams(String param, String message) {
        return new ApiError(400, "invalid_request_error", "invalid_params", param, message);
    }

    String body() {
        var error = Json.MAPPER.createObjectNode();
        error.putObject("error").put("message", getMessage()).put("type", type).put("param", param).put("code", code);
        return error.toString();
    }
}
