package io.cameltogether.audio.batch;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.util.IOHelper;

import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.request.AudioSource;
import io.cameltogether.audio.client.request.BatchOptions;
import io.cameltogether.audio.client.request.BatchRequest;
import io.cameltogether.audio.client.request.BatchTask;
import io.cameltogether.audio.client.request.OutputFormat;
import io.cameltogether.audio.client.result.BatchResponse;
import io.cameltogether.audio.support.ResultBodies;

/**
 * Sends the message's audio to one batch endpoint and replaces the body with the answer in the wanted output format.
 * Asynchronous: the route's thread is released while the request waits for its turn and while it is in flight; it is
 * held only when the endpoint already holds maxQueuedRequests waiting messages (back-pressure). Bad input fails the
 * exchange before anything is sent, and the body (a file, say) is left untouched for Camel's error handling. With
 * synchronous=true the request is sent on the route's thread instead, which waits for a slot and for the answer.
 */
abstract class BatchProducer extends DefaultAsyncProducer {

    private final TogetherAudioEndpoint endpoint;
    private final BatchTask task;

    BatchProducer(TogetherAudioEndpoint endpoint, BatchTask task) {
        super(endpoint);
        this.endpoint = endpoint;
        this.task = task;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        OutputFormat output;
        BatchRequest request;
        CompletableFuture<BatchResponse> answer;
        boolean onThisThread = endpoint.getConfiguration().isSynchronous();
        try {
            output = BatchOptionsMapper.outputFormat(endpoint.getConfiguration(), in);
            BatchOptions options = BatchOptionsMapper.fromMessage(endpoint.getConfiguration(), in).resolve(task, output);
            AudioSource audio = AudioBodies.from(in);
            request = new BatchRequest(task, audio, options,
                    BatchOptionsMapper.channelLayout(endpoint.getConfiguration(), in));
            answer = onThisThread
                    ? endpoint.getClient().sendOnCallingThread(request) : endpoint.getClient().send(request);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (onThisThread) {
            awaitQuietly(answer);
        }
        boolean doneHere = answer.isDone();
        answer.whenComplete((response, failure) -> {
            try {
                if (failure != null) {
                    exchange.setException(failure instanceof CompletionException ? failure.getCause() : failure);
                } else {
                    ResultBodies.write(in, response, output);
                }
            } catch (Exception e) {
                exchange.setException(e);
            } finally {
                closeOneShotStream(request.audio(), body);
                callback.done(doneHere);
            }
        });
        return doneHere;
    }

    /**
     * Waits for an answer whose retries or parts run on the request threads. Interrupted (the route is being
     * stopped by force), it stops waiting and the exchange completes asynchronously when the answer comes.
     */
    private static void awaitQuietly(CompletableFuture<BatchResponse> answer) {
        try {
            answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // told to the exchange below
        }
    }

    /** A one-shot stream is spent once sent, whatever the outcome; a stream cache is the exchange's to close. */
    private static void closeOneShotStream(AudioSource audio, Object body) {
        if (!audio.isRepeatable() && body instanceof InputStream stream) {
            IOHelper.close(stream);
        }
    }
}
