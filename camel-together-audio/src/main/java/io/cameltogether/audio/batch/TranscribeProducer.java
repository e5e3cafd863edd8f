package io.cameltogether.audio.batch;

import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.request.BatchTask;

/** {@code together-audio:transcribe}: speech to text in the language spoken, optionally diarized. */
public class TranscribeProducer extends BatchProducer {

    public TranscribeProducer(TogetherAudioEndpoint endpoint) {
        super(endpoint, BatchTask.TRANSCRIBE);
    }
}
