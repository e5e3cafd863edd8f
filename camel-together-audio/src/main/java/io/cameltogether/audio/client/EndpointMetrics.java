package io.cameltogether.audio.client;

import java.time.Duration;

/**
 * The metrics of one endpoint's requests, tagged with the endpoint's configured model: a model chosen by a message
 * header is tagged {@value #OTHER_MODEL}, so that headers cannot add meters without bound.
 */
record EndpointMetrics(AudioMetrics metrics, String endpointModel) implements AudioMetrics {

    static final String OTHER_MODEL = "other";

    private String tag(String model) {
        return model != null && model.equals(endpointModel) ? model : OTHER_MODEL;
    }

    @Override
    public void requestCompleted(String task, String model, int status, Duration took) {
        metrics.requestCompleted(task, tag(model), status, took);
    }

    @Override
    public void requestRetried(String task, int status) {
        metrics.requestRetried(task, status);
    }

    @Override
    public void audioUploaded(String task, long bytes) {
        metrics.audioUploaded(task, bytes);
    }

    @Override
    public void audioTranscribed(String task, String model, double seconds) {
        metrics.audioTranscribed(task, tag(model), seconds);
    }

    @Override
    public void rateLimitsSeen(String model, RateLimits limits) {
        metrics.rateLimitsSeen(tag(model), limits);
    }
}
