package io.cameltogether.examples.kafkascaleout;

import java.io.File;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recordings shared by every instance of a consumer group: each record of {@value #RECORDINGS} names one recording
 * (key: its id; value: a path on storage all instances see, or an https URL). The transcript goes to
 * {@value #TRANSCRIPTS} under the same key, or the error to {@value #FAILED}; only then is the record's offset
 * committed. A record whose instance dies before that is read again by the instance that takes its partition over,
 * and a recording whose id is already in the shared repository of done ids ({@value #DONE_IDS}) is not sent again.
 */
public final class RecordingRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingRoutes.class);

    public static final String RECORDINGS = "recordings";
    public static final String TRANSCRIPTS = "transcripts";
    public static final String FAILED = "recordings-failed";
    public static final String DONE_IDS = "recordings-done";
    public static final String GROUP = "transcribers";
    /** On a record of {@value #FAILED}: why the recording could not be transcribed. */
    public static final String ERROR_HEADER = "recordingError";

    /** On a transcript: the instance that made it, and the partition of {@value #RECORDINGS} its record came from. */
    public static final String TRANSCRIBED_BY = "transcribedBy";
    public static final String SOURCE_PARTITION = "recordingPartition";
    private static final String LOG_NAME = "recordings";
    private static final String REFERENCE = "recordingReference";

    private final String bootstrapServers;
    private final String instance;
    private final int consumers;
    private final int sessionTimeoutMs;

    /**
     * @param bootstrapServers the Kafka cluster, for the repository of done ids
     * @param instance         this instance's name, the Kafka client id of its consumers
     * @param consumers        consumer threads, each with one recording in flight at a time
     * @param sessionTimeoutMs how long the group waits for a silent instance before its partitions move
     */
    public RecordingRoutes(String bootstrapServers, String instance, int consumers, int sessionTimeoutMs) {
        this.bootstrapServers = bootstrapServers;
        this.instance = instance;
        this.consumers = consumers;
        this.sessionTimeoutMs = sessionTimeoutMs;
    }

    @Override
    public void configure() {
        KafkaIdempotentRepository doneIds = new KafkaIdempotentRepository(DONE_IDS, bootstrapServers);
        doneIds.setCamelContext(getContext());

        // a recording that fails for good is a result too: it is published with its error, then committed
        onException(Exception.class).handled(true)
                .log(LoggingLevel.WARN, LOG_NAME, "recording ${header.kafka.KEY} failed: ${exception.message}")
                .setHeader(ERROR_HEADER, simple("${exception.message}"))
                .setBody(exchangeProperty(REFERENCE))
                .to("kafka:" + FAILED + "?requestRequiredAcks=all")
                .process(RecordingRoutes::commitOffset);

        // breakOnFirstError: a record whose exchange fails even in its error handler (Kafka down, say) is read
        // again instead of being passed by the next record's commit
        from("kafka:" + RECORDINGS + "?groupId=" + GROUP + "&clientId=" + instance + "&consumersCount=" + consumers
                + "&autoOffsetReset=earliest&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true"
                + "&maxPollRecords=1&sessionTimeoutMs=" + sessionTimeoutMs + "&heartbeatIntervalMs="
                + Math.max(100, sessionTimeoutMs / 3)
                // a poll waits for its recording's transcript: allow more than the component's requestTimeout (1 h)
                + "&maxPollIntervalMs=3900000")
                .routeId("recordings-" + instance)
                .idempotentConsumer(header(KafkaConstants.KEY), doneIds)
                    // the id is stored once the transcript is published: an instance that dies mid-request leaves
                    // no id behind, so the recording is transcribed by the next owner instead of being dropped
                    .eager(false).completionEager(true).skipDuplicate(false)
                    .choice()
                        .when(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
                            .log(LoggingLevel.INFO, LOG_NAME,
                                    "recording ${header.kafka.KEY} was already transcribed: not sent again")
                        .otherwise()
                            .process(RecordingRoutes::audioOfReference)
                            // the consumer's thread sends and waits: one recording in flight per consumer, and
                            // the commit below runs on the thread that owns the Kafka consumer
                            .to("together-audio:transcribe?synchronous=true")
                            .setHeader(TRANSCRIBED_BY, constant(instance))
                            .setHeader(SOURCE_PARTITION, header(KafkaConstants.PARTITION).convertToString())
                            .to("kafka:" + TRANSCRIPTS + "?requestRequiredAcks=all")
                            .log(LoggingLevel.INFO, LOG_NAME,
                                    "recording ${header.kafka.KEY} transcribed by " + instance)
                    .end()
                .end()
                .process(RecordingRoutes::commitOffset);
    }

    /** An https URL is sent as a URL (the API fetches it); anything else is a path on shared storage. */
    private static void audioOfReference(Exchange exchange) {
        String reference = exchange.getMessage().getBody(String.class).strip();
        exchange.setProperty(REFERENCE, reference);
        exchange.getMessage().setBody(reference.startsWith("https://") ? reference : new File(reference));
    }

    /**
     * Commits the record's offset. A commit refused because the partition is moving is not the recording's failure:
     * the record is read again by the partition's next owner, which finds its id among the done ones.
     */
    private static void commitOffset(Exchange exchange) {
        try {
            exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
        } catch (RuntimeException e) {
            LOG.warn("offset of recording {} not committed ({}); its next reader will skip it as done",
                    exchange.getMessage().getHeader(KafkaConstants.KEY), e.getMessage());
        }
    }
}
