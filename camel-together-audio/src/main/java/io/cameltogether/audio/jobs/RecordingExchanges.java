package io.cameltogether.audio.jobs;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.jobs.BatchJob;
import io.cameltogether.audio.client.jobs.BatchRecordingException;
import io.cameltogether.audio.client.jobs.JobResults;
import io.cameltogether.audio.support.ResultBodies;

/**
 * Routes one recording of an ended job: its transcript in the output format, with the job's headers; or its failure,
 * to the consumer's exception handler (logged, or the route's error handler with bridgeErrorHandler=true), or as
 * the CamelTogetherAudioRecordingError header with failuresAsHeader. A failure of the route goes to the exception
 * handler too. Either way the recording counts as delivered: retrying is the error handler's.
 */
final class RecordingExchanges {

    private final BatchJobConsumer consumer;
    private final TogetherAudioConfiguration configuration;

    RecordingExchanges(BatchJobConsumer consumer, TogetherAudioConfiguration configuration) {
        this.consumer = consumer;
        this.configuration = configuration;
    }

    void route(BatchJob job, int recordings, JobResults.Outcome outcome) {
        Exchange exchange = consumer.createExchange(false);
        Message message = exchange.getMessage();
        message.setHeader(TogetherAudioConstants.RECORDING_ID, outcome.recordingId());
        message.setHeader(TogetherAudioConstants.BATCH_JOB_ID, job.id());
        message.setHeader(TogetherAudioConstants.BATCH_JOB_STATUS, job.statusText());
        message.setHeader(TogetherAudioConstants.BATCH_JOB_RECORDINGS, recordings);
        Exception failure = outcome.failure();
        try {
            if (failure == null) {
                ResultBodies.write(message, outcome.transcript(), configuration.getOutputFormat());
            } else if (configuration.isFailuresAsHeader()) {
                message.setHeader(TogetherAudioConstants.RECORDING_ERROR, failure);
                failure = null;
            }
            if (failure == null) {
                consumer.getProcessor().process(exchange);
                failure = exchange.getException();
            }
        } catch (Exception e) {
            failure = e;
        }
        try {
            if (failure != null) {
                consumer.getExceptionHandler().handleException(failure instanceof BatchRecordingException
                        ? failure.getMessage() : "Error processing recording '" + outcome.recordingId()
                        + "' of batch job " + job.id(), exchange, failure);
            }
        } finally {
            consumer.releaseExchange(exchange, false);
        }
    }
}
