package io.cameltogether.audio;

import org.apache.camel.spi.Metadata;

/** Message headers: per-message overrides of the endpoint options, and what the API reported back. */
public final class TogetherAudioConstants {

    @Metadata(description = "Model for this message, overriding the `model` option.", javaType = "String")
    public static final String MODEL = "CamelTogetherAudioModel";
    @Metadata(description = "Language for this message: for transcribe the spoken language as an ISO 639-1 code "
            + "(omit to auto-detect), for translate the target language.", javaType = "String")
    public static final String LANGUAGE = "CamelTogetherAudioLanguage";
    @Metadata(description = "Prompt biasing the decoding for this message (honoured by Whisper models).",
              javaType = "String")
    public static final String PROMPT = "CamelTogetherAudioPrompt";
    @Metadata(description = "Response format asked of the API for this message: `json` or `verbose_json`.",
              javaType = "String", enums = "json,verbose_json")
    public static final String RESPONSE_FORMAT = "CamelTogetherAudioResponseFormat";
    @Metadata(description = "Sampling temperature for this message, 0 to 1.", javaType = "Double")
    public static final String TEMPERATURE = "CamelTogetherAudioTemperature";
    @Metadata(description = "Timestamp granularities for this message: `segment`, `word` or `segment,word` "
            + "(a String or a Collection).", javaType = "String")
    public static final String TIMESTAMP_GRANULARITIES = "CamelTogetherAudioTimestampGranularities";
    @Metadata(description = "Whether to diarize this message (transcribe only).", javaType = "Boolean")
    public static final String DIARIZE = "CamelTogetherAudioDiarize";
    @Metadata(description = "Fewest speakers expected in this message's audio (with diarize).", javaType = "Integer")
    public static final String MIN_SPEAKERS = "CamelTogetherAudioMinSpeakers";
    @Metadata(description = "Most speakers expected in this message's audio (with diarize).", javaType = "Integer")
    public static final String MAX_SPEAKERS = "CamelTogetherAudioMaxSpeakers";
    @Metadata(description = "How to transcribe this message's channels: `mixed` (as it is) or `separate` (each "
            + "channel of a WAV on its own, turns named after their channel).", javaType = "String",
              enums = "mixed,separate")
    public static final String CHANNELS = "CamelTogetherAudioChannels";
    @Metadata(description = "Names of this message's channels with channels=separate, first channel first, "
            + "comma-separated (e.g. agent,customer).", javaType = "String")
    public static final String CHANNEL_NAMES = "CamelTogetherAudioChannelNames";
    @Metadata(description = "Output body for this message: `text`, `result`, `json`, `srt` or `vtt`.",
              javaType = "String", enums = "text,result,json,srt,vtt")
    public static final String OUTPUT_FORMAT = "CamelTogetherAudioOutputFormat";
    @Metadata(description = "File name sent with the audio; its extension tells the format. Defaults to "
            + "`CamelFileNameOnly`, `CamelFileName` or `CamelAwsS3Key`, else the body's file name.",
              javaType = "String")
    public static final String FILE_NAME = "CamelTogetherAudioFileName";
    @Metadata(description = "Content type of the audio (e.g. `audio/wav`), when the file name does not tell the "
            + "format.", javaType = "String")
    public static final String CONTENT_TYPE = "CamelTogetherAudioContentType";

    @Metadata(description = "Realtime session this message belongs to, so one route can carry many concurrent calls. "
            + "Defaults to one session per endpoint. Set by the consumer on each transcript.", javaType = "String")
    public static final String SESSION_ID = "CamelTogetherAudioSessionId";
    @Metadata(label = "producer", description = "What the realtime producer does with the session: `append` the body's "
            + "audio (default), `commit` the turn, `clear` the buffered audio, or `close` the session.",
              javaType = "String", enums = "append,commit,clear,close")
    public static final String REALTIME_ACTION = "CamelTogetherAudioRealtimeAction";
    @Metadata(label = "producer", description = "Set by the realtime producer on each raw audio chunk it appends "
            + "(InOnly): completes once all of the session's audio up to the end of this chunk is covered by final "
            + "transcripts that this endpoint's consumer has routed (or holds no speech); fails if the session fails "
            + "or that audio is lost. Until then, keep the chunk where it can be read again (do not commit its Kafka "
            + "offset, say).", javaType = "java.util.concurrent.CompletionStage<Void>")
    public static final String COVERED = "CamelTogetherAudioCovered";
    @Metadata(label = "producer", description = "Where in the call the appended audio starts, in milliseconds; read "
            + "when the append opens the session, so that its transcripts' CamelTogetherAudioStart is on the call's "
            + "clock: for a call another instance began, taken over from its last covered audio.", javaType = "Long")
    public static final String STREAM_OFFSET = "CamelTogetherAudioStreamOffset";
    @Metadata(label = "consumer", description = "The server's id of the transcribed item (speech turn), when it "
            + "sends one.", javaType = "String")
    public static final String ITEM_ID = "CamelTogetherAudioItemId";
    @Metadata(label = "consumer", description = "Where the transcribed speech begins, in seconds from the session's "
            + "first audio (or the call's, with CamelTogetherAudioStreamOffset), continuous across reconnects: measured "
            + "by the component in the audio it sent, not taken from the server.", javaType = "Double")
    public static final String START = "CamelTogetherAudioStart";
    @Metadata(label = "consumer", description = "The server's own `start` of the transcript, as it sent it: seconds on "
            + "its consumed-speech clock, which skips silence and restarts with each connection. Informational; absent "
            + "when not sent or not plausible.", javaType = "Double")
    public static final String SERVER_START = "CamelTogetherAudioServerStart";
    @Metadata(label = "consumer", description = "The server's own `duration` of the transcript, as it sent it, on the "
            + "same clock as CamelTogetherAudioServerStart.", javaType = "Double")
    public static final String SERVER_DURATION = "CamelTogetherAudioServerDuration";
    @Metadata(label = "consumer", description = "The average log-probability of the transcript's tokens "
            + "(`logprobs.avg_logprob`), when the server reports it.", javaType = "Double")
    public static final String AVG_LOGPROB = "CamelTogetherAudioAvgLogprob";
    @Metadata(label = "consumer", description = "The mean of the transcript's token confidences (`tokens[].confidence`, "
            + "0 to 1), when the server reports them.", javaType = "Double")
    public static final String CONFIDENCE = "CamelTogetherAudioConfidence";
    @Metadata(label = "consumer", description = "How sure the model is that the turn ended (0 to 1), on end-of-turn "
            + "events (includeTurnEvents), when the server says.", javaType = "Double")
    public static final String END_OF_TURN_CONFIDENCE = "CamelTogetherAudioEndOfTurnConfidence";
    @Metadata(label = "consumer", description = "Whether the transcript is final. With includeDeltas, partial "
            + "transcripts (false) arrive too; each partial replaces the previous partial of the same turn, and the "
            + "final one replaces them all.", javaType = "Boolean")
    public static final String FINAL = "CamelTogetherAudioFinal";
    @Metadata(label = "consumer", description = "The server event behind the exchange, e.g. "
            + "`conversation.item.input_audio_transcription.completed`; with includeTurnEvents also `...start_of_turn`, "
            + "`...end_of_turn`, `...eager_end_of_turn` and `...turn_resumed`; with includeSessionEvents "
            + "`session.opened` and the other connection events.", javaType = "String")
    public static final String EVENT_TYPE = "CamelTogetherAudioEventType";

    @Metadata(label = "producer", description = "Language the API reports: detected for transcribe, target for "
            + "translate (verbose_json only).", javaType = "String")
    public static final String DETECTED_LANGUAGE = "CamelTogetherAudioDetectedLanguage";
    @Metadata(description = "Duration of the audio in seconds: of the file (transcribe/translate, verbose_json "
            + "only) or of the transcribed speech (realtime consumer, finals; measured as CamelTogetherAudioStart is).",
              javaType = "Double")
    public static final String DURATION = "CamelTogetherAudioDuration";
    @Metadata(label = "producer", description = "Task the API reports: `transcribe` or `translate`, when it sends "
            + "one.", javaType = "String")
    public static final String TASK = "CamelTogetherAudioTask";
    @Metadata(label = "producer", description = "Response id to quote to Together support, when the API returns "
            + "one; for a recording sent in parts, the parts' ids, comma-separated.", javaType = "String")
    public static final String RESPONSE_ID = "CamelTogetherAudioResponseId";
    @Metadata(label = "producer", description = "Requests per second the API admits now for this key and model "
            + "(`x-ratelimit-limit`, or its `-dynamic` variant when lower), when the answer says.", javaType = "Double")
    public static final String RATE_LIMIT = "CamelTogetherAudioRateLimit";
    @Metadata(label = "producer", description = "Requests left in the current rate-limit window "
            + "(`x-ratelimit-remaining`), when the answer says.", javaType = "Double")
    public static final String RATE_LIMIT_REMAINING = "CamelTogetherAudioRateLimitRemaining";
    @Metadata(label = "producer", description = "Every rate-limit header of the answer (`x-ratelimit-*`, "
            + "`x-tokenlimit-*` and their `-dynamic` variants) by lower-case name, as numbers.",
              javaType = "java.util.Map<String, Double>")
    public static final String RATE_LIMITS = "CamelTogetherAudioRateLimits";

    @Metadata(description = "batchJob: the id of a recording in a job (its `custom_id`, at most 64 characters). Set on "
            + "each aggregated message or exchange of a job to submit (else `CamelAwsS3Key`, `CamelFileName` or the "
            + "URL's file name is used); set by the consumer on each delivered recording.", javaType = "String")
    public static final String RECORDING_ID = "CamelTogetherAudioRecordingId";
    @Metadata(description = "batchJob: the job's id. Set by the producer on submitting; read by it for the status, "
            + "cancel and watch actions; set by the consumer on each delivered recording.", javaType = "String")
    public static final String BATCH_JOB_ID = "CamelTogetherAudioBatchJobId";
    @Metadata(description = "batchJob: the job's status as the API last reported it: VALIDATING, IN_PROGRESS, "
            + "COMPLETED, FAILED, EXPIRED or CANCELLED.", javaType = "String")
    public static final String BATCH_JOB_STATUS = "CamelTogetherAudioBatchJobStatus";
    @Metadata(label = "producer", description = "batchJob: what the producer does: `submit` the body's recordings as "
            + "a new job (default), report the `status` of the job in CamelTogetherAudioBatchJobId, `cancel` it, or "
            + "`watch` it (its results are then delivered by this application's consumer, like those of jobs it "
            + "submitted; all of them again, if it was delivered before).", javaType = "String",
              enums = "submit,status,cancel,watch")
    public static final String BATCH_JOB_ACTION = "CamelTogetherAudioBatchJobAction";
    @Metadata(description = "batchJob: how far the job is, 0 to 100 per cent, when the API says.", javaType = "Double")
    public static final String BATCH_JOB_PROGRESS = "CamelTogetherAudioBatchJobProgress";
    @Metadata(description = "batchJob: how many recordings the job holds: set by the producer on submitting and by "
            + "the consumer on each delivered recording.", javaType = "Integer")
    public static final String BATCH_JOB_RECORDINGS = "CamelTogetherAudioBatchJobRecordings";
    @Metadata(label = "consumer", description = "batchJob with failuresAsHeader: why the recording has no transcript "
            + "(its error line, an error answer, or the job's end before it was done).",
              javaType = "io.cameltogether.audio.client.jobs.BatchRecordingException")
    public static final String RECORDING_ERROR = "CamelTogetherAudioRecordingError";

    private TogetherAudioConstants() {
    }
}
