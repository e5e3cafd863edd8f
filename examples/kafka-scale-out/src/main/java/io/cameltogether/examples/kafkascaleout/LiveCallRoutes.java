package io.cameltogether.examples.kafkascaleout;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.examples.kafkascaleout.CoveredChunks.PartitionChunks.Chunk;

/**
 * Live calls shared by every instance of a consumer group. Each record of {@value #CALL_AUDIO} is a chunk of a call's
 * audio (key: the call id; value: 16 kHz mono 16-bit PCM; header {@value #POSITION_HEADER}: where in the call it
 * starts, in ms), or, with header {@value #END_HEADER}, the end of the call. The partition's owner feeds the chunks
 * into the call's realtime session and publishes its final transcripts to {@value #TRANSCRIPTS}; a chunk that
 * cannot be read goes to {@value #FAILED} with its error.
 *
 * <p>A chunk's offset is committed only once its audio is covered by published transcripts (the component's
 * {@code CamelTogetherAudioCovered}), in order per partition. When an instance dies, the partition's next owner
 * reads from the first uncovered chunk: it opens the call's session at that point of the call (the chunk's
 * position as {@code CamelTogetherAudioStreamOffset}) and drops the transcripts of audio already published
 * ({@link CallTranscripts}).
 */
public final class LiveCallRoutes extends RouteBuilder {

    public static final String CALL_AUDIO = "call-audio";
    public static final String TRANSCRIPTS = "call-transcripts";
    public static final String PUBLISHED_STRETCHES = "call-transcripts-published";
    public static final String FAILED = "call-audio-failed";
    public static final String GROUP = "live-transcribers";
    /** On a record of {@value #FAILED}: why the chunk could not be read. */
    public static final String ERROR_HEADER = "chunkError";
    public static final String POSITION_HEADER = "callPositionMs";
    public static final String END_HEADER = "callEnd";
    /** On a transcript: where in the call its speech starts, in ms, and the instance that made it. */
    public static final String START_HEADER = "callStartMs";
    public static final String TRANSCRIBED_BY = RecordingRoutes.TRANSCRIBED_BY;

    /** One endpoint for feeding and for transcripts: coverage counts what this endpoint's consumer has routed. */
    private static final String REALTIME = "together-audio:realtime?replayBufferDuration=30000";
    private static final String LOG_NAME = "calls";

    private final String bootstrapServers;
    private final String instance;
    private final int sessionTimeoutMs;

    /**
     * @param bootstrapServers the Kafka cluster, for the shared record of published transcripts
     * @param instance         this instance's name, the Kafka client id of its consumer
     * @param sessionTimeoutMs how long the group waits for a silent instance before its partitions move
     */
    public LiveCallRoutes(String bootstrapServers, String instance, int sessionTimeoutMs) {
        this.bootstrapServers = bootstrapServers;
        this.instance = instance;
        this.sessionTimeoutMs = sessionTimeoutMs;
    }

    @Override
    public void configure() throws Exception {
        CallTranscripts transcripts = new CallTranscripts(bootstrapServers, instance);
        getContext().addService(transcripts, true, true);
        CoveredChunks chunks = new CoveredChunks();
        ProducerTemplate sessions = getContext().createProducerTemplate();
        bindToRegistry("coveredChunks", chunks);
        bindToRegistry("coverageCommittingClients", new CoverageCommittingClients(chunks, calls -> abandon(sessions,
                calls)));

        from("kafka:" + CALL_AUDIO + "?groupId=" + GROUP + "&clientId=" + instance
                + "&autoOffsetReset=earliest&autoCommitEnable=false&allowManualCommit=true"
                + "&kafkaManualCommitFactory=#coveredChunks&kafkaClientFactory=#coverageCommittingClients"
                // a failover moves only the dead instance's partitions: the others keep their sessions
                + "&partitionAssignor=" + CooperativeStickyAssignor.class.getName()
                + "&valueDeserializer=" + ByteArrayDeserializer.class.getName()
                + "&pollTimeoutMs=200&sessionTimeoutMs=" + sessionTimeoutMs
                + "&heartbeatIntervalMs=" + Math.max(100, sessionTimeoutMs / 3))
                .routeId("call-audio-" + instance)
                // a chunk that cannot be read (no position, audio the component refuses) will not read better
                // again: it is published with its error and passed, as a recording that cannot be transcribed is
                .onException(AudioValidationException.class, IllegalArgumentException.class).handled(true)
                    .log(LoggingLevel.WARN, LOG_NAME, "chunk of call ${header.kafka.KEY} refused: ${exception.message}")
                    .setHeader(ERROR_HEADER, simple("${exception.message}"))
                    .to("kafka:" + FAILED + "?requestRequiredAcks=all&valueSerializer="
                            + ByteArraySerializer.class.getName())
                    .process(e -> chunk(e).commit())
                .end()
                // any other failure (a session or turn failed) is not lost: the partition is read again from there
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, LOG_NAME, "chunk of call ${header.kafka.KEY} failed: ${exception.message}")
                    .process(e -> chunk(e).fail(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
                .end()
                .process(e -> toSession(e, transcripts))
                .to(REALTIME)
                .process(LiveCallRoutes::commitWhenCovered);

        from(REALTIME)
                .routeId("call-transcripts-" + instance)
                .filter(method(transcripts, "isNew"))
                    .process(transcripts::publish)
                .end();
    }

    /** The chunk's record as a message to the call's session: audio to append, or the call's end. */
    private static void toSession(Exchange exchange, CallTranscripts transcripts) throws Exception {
        Message message = exchange.getMessage();
        String callId = message.getHeader(KafkaConstants.KEY, String.class);
        message.setHeader(TogetherAudioConstants.SESSION_ID, callId);
        if (recordHeader(message, END_HEADER) != null) {
            message.setHeader(TogetherAudioConstants.REALTIME_ACTION, "close");
            return;
        }
        if (chunk(exchange).opensCall(callId)) {
            transcripts.catchUp(); // another instance may have published part of this call
        }
        String position = recordHeader(message, POSITION_HEADER);
        if (position == null) {
            throw new IllegalArgumentException("chunk has no " + POSITION_HEADER + " header: give where in the call "
                    + "its audio starts, in milliseconds");
        }
        message.setHeader(TogetherAudioConstants.STREAM_OFFSET, Long.valueOf(position));
    }

    /** Commits the chunk once its audio is covered; the end of a call once its session has closed. */
    private static void commitWhenCovered(Exchange exchange) {
        Chunk chunk = chunk(exchange);
        CompletionStage<?> covered = exchange.getMessage().getHeader(TogetherAudioConstants.COVERED,
                CompletionStage.class);
        if (covered == null) {
            chunk.endsCall(exchange.getMessage().getHeader(KafkaConstants.KEY, String.class));
            chunk.commit();
            return;
        }
        covered.whenComplete((v, failure) -> {
            if (failure == null) {
                chunk.commit();
            } else {
                chunk.fail(failure);
            }
        });
    }

    /** Closes the calls' sessions without transcribing what they hold: the next reader of their audio will. */
    private static void abandon(ProducerTemplate sessions, Set<String> callIds) {
        for (String callId : callIds) {
            for (String action : new String[] {"clear", "close"}) {
                sessions.send(REALTIME, ExchangePattern.InOnly, e -> {
                    e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, callId);
                    e.getMessage().setHeader(TogetherAudioConstants.REALTIME_ACTION, action);
                });
            }
        }
    }

    private static Chunk chunk(Exchange exchange) {
        return exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, Chunk.class);
    }

    private static String recordHeader(Message message, String name) {
        byte[] value = message.getHeader(name, byte[].class);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
