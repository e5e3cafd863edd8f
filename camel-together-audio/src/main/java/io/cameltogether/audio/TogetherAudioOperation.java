package io.cameltogether.audio;

/** The operation in {@code together-audio:operation}. Lower case because it is what users type in the URI. */
public enum TogetherAudioOperation {
    /** POST /v1/audio/transcriptions: speech to text in the spoken language. */
    transcribe,
    /** POST /v1/audio/translations: speech to text in the target language (English by default). */
    translate,
    /** The live WebSocket stream /v1/realtime. */
    realtime,
    /**
     * Together's Batch API: the producer submits a job of recordings given as URLs, the consumer delivers each
     * recording's transcript when the job ends.
     */
    batchJob
}
