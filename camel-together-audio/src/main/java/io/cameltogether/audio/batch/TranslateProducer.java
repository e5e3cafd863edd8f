package io.cameltogether.audio.batch;

import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.request.BatchTask;

/** {@code together-audio:translate}: speech to text in the target language ({@code language}, English by default). */
public class TranslateProducer extends BatchProducer {

    public TranslateProducer(TogetherAudioEndpoint endpoint) {
        super(endpoint, BatchTask.TRANSLATE);
    }
}
