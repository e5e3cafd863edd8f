package io.cameltogether.audio.client;

/**
 * An error answer from the Together API: its HTTP status and the {@code ErrorData} fields (type, code, param,
 * message). {@link #isRetryable()} tells whether the same request may succeed later.
 */
public class TogetherAudioApiException extends TogetherAudioException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final String apiMessage;
    private final String requestId;

    public TogetherAudioApiException(int status, String type, String code, String param, String apiMessage,
                                     String requestId) {
        this(describe(status, type, code, param, apiMessage, requestId), status, type, code, param, apiMessage,
                requestId);
    }

    private TogetherAudioApiException(String message, int status, String type, String code, String param,
                                      String apiMessage, String requestId) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.apiMessage = apiMessage;
        this.requestId = requestId;
    }

    private static String describe(int status, String type, String code, String param, String message,
                                   String requestId) {
        StringBuilder sb = new StringBuilder("Together API returned HTTP ").append(status);
        if (code != null) {
            sb.append(" ").append(code);
        }
        if (type != null) {
            sb.append(" (").append(type).append(')');
        }
        if (message != null) {
            sb.append(": ").append(message);
        }
        if (param != null) {
            sb.append(" [param: ").append(param).append(']');
        }
        if (requestId != null) {
            sb.append(" [request id: ").append(requestId).append(']');
        }
        return sb.toString();
    }

    /** The same error, with what it means for the request that got it appended to the message. */
    public TogetherAudioApiException withHint(String hint) {
        return new TogetherAudioApiException(getMessage() + ". " + hint, status, type, code, param, apiMessage,
                requestId);
    }

    /** 408, 409, 429 and 5xx: the SDKs' rule for errors worth another attempt. */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    public boolean isRetryable() {
        return isRetryableStatus(status);
    }

    public int getStatus() {
        return status;
    }

    public String getType() {
        return type;
    }

    public String getCode() {
        return code;
    }

    public String getParam() {
        return param;
    }

    public String getApiMessage() {
        return apiMessage;
    }

    /** The response id to quote to Together support, when the API sent one. */
    public String getRequestId() {
        return requestId;
    }
}
