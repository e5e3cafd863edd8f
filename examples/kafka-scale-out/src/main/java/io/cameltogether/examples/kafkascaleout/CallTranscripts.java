package io.cameltogether.examples.kafkascaleout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.cameltogether.audio.TogetherAudioConstants;

/**
 * Publishes each call's final transcripts once, whichever instance transcribes them. A new owner of a call reads
 * its audio again from the last committed chunk, which is covered audio: the transcripts of that audio are
 * repeats, told by where their speech is in the call (CamelTogetherAudioStart and Duration: measured by the
 * component in the audio, so the same speech measures the same on every instance). Which stretches of each call have
 * published transcripts is shared by all instances in a topic ({@value LiveCallRoutes#PUBLISHED_STRETCHES}; key: call
 * id and start, value: the stretch); a final whose middle lies inside a published stretch of its call is a repeat.
 * Stretches, not one mark per call: after a turn failed, its audio is read again although later speech has been
 * published.
 *
 * <p>A transcript and its stretch are written in one Kafka transaction, so an instance that dies between the two
 * leaves neither: its audio is not covered, and the next owner publishes the transcript. Readers of
 * {@value LiveCallRoutes#TRANSCRIPTS} read committed records only ({@code isolation.level=read_committed}).
 * Each instance keeps the stretches in memory, read by a thread of its own; {@link #catchUp()} makes sure it has
 * read every stretch written before, and is called when a call's session opens here. (The topic's retention, a
 * week by default, bounds them; a deployment would rather keep them in a table with a time to live.)
 */
public final class CallTranscripts extends ServiceSupport {

    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String instance;
    /** Per call, the published stretches in seconds: start to end. */
    private final Map<String, NavigableMap<Double, Double>> published = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> catchUps = new ConcurrentLinkedQueue<>();
    private KafkaProducer<String, String> producer;
    private Thread reader;
    private volatile boolean reading;

    /** @param instance this instance's name: its transactions' id, and the transcripts' {@code transcribedBy} */
    public CallTranscripts(String bootstrapServers, String instance) {
        this.bootstrapServers = bootstrapServers;
        this.instance = instance;
    }

    /** Whether the exchange's final transcript is of audio not yet published for its call. */
    public boolean isNew(Exchange exchange) {
        Message message = exchange.getMessage();
        double start = message.getHeader(TogetherAudioConstants.START, Double.class);
        double duration = message.getHeader(TogetherAudioConstants.DURATION, Double.class);
        NavigableMap<Double, Double> stretches = published.get(
                message.getHeader(TogetherAudioConstants.SESSION_ID, String.class));
        if (stretches == null) {
            return true;
        }
        synchronized (stretches) {
            Map.Entry<Double, Double> before = stretches.floorEntry(start + duration / 2);
            return before == null || before.getValue() < start + duration / 2;
        }
    }

    /**
     * Publishes the exchange's transcript (key: the call id; headers: where in the call its speech starts, in ms,
     * and who made it) and the stretch it covers, both or neither.
     */
    public synchronized void publish(Exchange exchange) {
        Message message = exchange.getMessage();
        String callId = message.getHeader(TogetherAudioConstants.SESSION_ID, String.class);
        double start = message.getHeader(TogetherAudioConstants.START, Double.class);
        double duration = message.getHeader(TogetherAudioConstants.DURATION, Double.class);
        ProducerRecord<String, String> transcript = new ProducerRecord<>(LiveCallRoutes.TRANSCRIPTS, callId,
                message.getBody(String.class));
        transcript.headers().add(LiveCallRoutes.TRANSCRIBED_BY, instance.getBytes(StandardCharsets.UTF_8));
        transcript.headers().add(LiveCallRoutes.START_HEADER,
                Long.toString(Math.round(start * 1000)).getBytes(StandardCharsets.UTF_8));
        producer.beginTransaction();
        try {
            producer.send(transcript);
            producer.send(new ProducerRecord<>(LiveCallRoutes.PUBLISHED_STRETCHES, callId + "@" + start,
                    start + "-" + (start + duration)));
            producer.commitTransaction();
            remember(callId, start, start + duration);
        } catch (KafkaException e) {
            producer.abortTransaction();
            throw e;
        }
    }

    private void remember(String callId, double start, double end) {
        NavigableMap<Double, Double> stretches = published.computeIfAbsent(callId, c -> new TreeMap<>());
        synchronized (stretches) {
            stretches.merge(start, end, Math::max);
        }
    }

    /** Waits until this instance has read every stretch written before the call. */
    public void catchUp() throws Exception {
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        catchUps.add(caughtUp);
        caughtUp.get(CATCH_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStart() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "call-transcripts-" + instance,
                // how long a transaction left open by a dead instance holds back readers of the transcripts
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000), new StringSerializer(), new StringSerializer());
        producer.initTransactions(); // aborts what this instance's previous run left open
        reading = true;
        reader = new Thread(this::read, "call-transcripts-stretches");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(LiveCallRoutes.PUBLISHED_STRETCHES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> target = Map.of();
            while (reading) {
                if (waiting.isEmpty()) {
                    for (CompletableFuture<Void> next = catchUps.poll(); next != null; next = catchUps.poll()) {
                        waiting.add(next);
                    }
                    if (!waiting.isEmpty()) {
                        target = consumer.endOffsets(partitions); // asked for after the callers asked
                    }
                }
                for (ConsumerRecord<String, String> stretch : consumer.poll(Duration.ofMillis(50))) {
                    String[] startEnd = stretch.value().split("-");
                    remember(stretch.key().substring(0, stretch.key().lastIndexOf('@')),
                            Double.parseDouble(startEnd[0]), Double.parseDouble(startEnd[1]));
                }
                if (!waiting.isEmpty() && target.entrySet().stream()
                        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    waiting.forEach(w -> w.complete(null));
                    waiting.clear();
                }
            }
        } catch (RuntimeException e) {
            waiting.addAll(catchUps);
            waiting.forEach(w -> w.completeExceptionally(e));
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        reading = false;
        reader.join(5000);
        producer.close();
    }
}
