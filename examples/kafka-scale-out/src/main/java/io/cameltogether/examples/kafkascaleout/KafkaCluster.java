package io.cameltogether.examples.kafkascaleout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the demo and the tests do to the cluster from outside the instances: make topics, publish recordings and call
 * audio, see which instance owns which partitions, tell when a group has committed everything, and read the results.
 */
public final class KafkaCluster implements AutoCloseable {

    /**
     * One record of a results topic: the recording's id, its transcript (or, when it failed, its reference and the
     * error), and who made it from which partition.
     */
    public record Result(String recordingId, String value, String error, String transcribedBy,
                         Integer sourcePartition, long timestamp) {
    }

    /** One final transcript of a live call: where in the call its speech starts, its text, who made it. */
    public record CallTranscript(String callId, long startMs, String text, String transcribedBy, long timestamp) {
    }

    private final String bootstrapServers;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaCluster(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Creates the topic unless it exists (an existing cluster may have it already). */
    private void createTopic(String name, int partitions, Map<String, String> configs)
            throws InterruptedException, ExecutionException {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /**
     * The topics the routes use: recordings and call audio with this many partitions (the most instances that can
     * share them), the others with one. Recording transcripts are compacted: of a recording transcribed twice (the
     * one window that can repeat), one stays. The done-ids repository reads its topic at start-up, so it must
     * exist first.
     */
    public void createTopics(int partitions) throws InterruptedException, ExecutionException {
        createTopic(RecordingRoutes.RECORDINGS, partitions, Map.of());
        createTopic(RecordingRoutes.TRANSCRIPTS, 1, Map.of("cleanup.policy", "compact"));
        createTopic(RecordingRoutes.FAILED, 1, Map.of());
        createTopic(RecordingRoutes.DONE_IDS, 1, Map.of());
        createTopic(LiveCallRoutes.CALL_AUDIO, partitions, Map.of());
        createTopic(LiveCallRoutes.FAILED, 1, Map.of());
        createTopic(LiveCallRoutes.TRANSCRIPTS, 1, Map.of());
        createTopic(LiveCallRoutes.PUBLISHED_STRETCHES, 1, Map.of());
    }

    public void publish(String topic, String key, String value) throws InterruptedException, ExecutionException {
        publish(topic, key, value.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public void publish(String topic, String key, byte[] value, Map<String, String> headers)
            throws InterruptedException, ExecutionException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
    }

    /** The partition of the topic that records with this key go to (Kafka's default partitioner). */
    public int partitionOf(String topic, String key) throws InterruptedException, ExecutionException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
    }

    /** The group's members by client id, with the partitions each holds now; none before it first forms. */
    public Map<String, Set<Integer>> assignments(String group) throws InterruptedException, ExecutionException {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw e;
        }
        Map<String, Set<Integer>> byClient = new HashMap<>();
        description.members().forEach(member -> byClient.computeIfAbsent(member.clientId(), c -> new TreeSet<>())
                .addAll(member.assignment().topicPartitions().stream().map(TopicPartition::partition).toList()));
        return byClient;
    }

    /** Whether the group has committed every record of the topic: all of it is done, nothing is in flight. */
    public boolean committedToTheEnd(String group, String topic) throws InterruptedException, ExecutionException {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0 || committed.get(end.getKey()) != null
                && committed.get(end.getKey()).offset() == end.getValue());
    }

    /** Every record the recordings' results topic holds now, read from the start. */
    public List<Result> readAll(String topic) throws InterruptedException, ExecutionException {
        return readAll(topic, r -> {
            String partition = header(r, RecordingRoutes.SOURCE_PARTITION);
            return new Result(r.key(), r.value(), header(r, RecordingRoutes.ERROR_HEADER),
                    header(r, RecordingRoutes.TRANSCRIBED_BY), partition == null ? null : Integer.valueOf(partition),
                    r.timestamp());
        });
    }

    /** Every call transcript published so far, in the order published. */
    public List<CallTranscript> readCallTranscripts() throws InterruptedException, ExecutionException {
        return readAll(LiveCallRoutes.TRANSCRIPTS, r -> new CallTranscript(r.key(),
                Long.parseLong(header(r, LiveCallRoutes.START_HEADER)), r.value(),
                header(r, LiveCallRoutes.TRANSCRIBED_BY), r.timestamp()));
    }

    /** Every chunk of call audio that could not be read, as its call id and the error. */
    public List<Map.Entry<String, String>> readFailedChunks() throws InterruptedException, ExecutionException {
        return readAll(LiveCallRoutes.FAILED, r -> Map.entry(r.key(), header(r, LiveCallRoutes.ERROR_HEADER)));
    }

    /**
     * Every record the topic holds now, read from the start, as the reader makes them. Only committed records: a
     * transaction a dead instance left open is waited out (aborted after its timeout).
     */
    private <T> List<T> readAll(String topic, Function<ConsumerRecord<String, String>, T> reader)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        List<T> results = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    results.add(reader.apply(r));
                }
            }
        }
        return results;
    }

    /**
     * Waits for the first transcript made after {@code killedAt} of a recording from one of these partitions: the
     * instance that took over a dead one's partitions has transcribed its first recording.
     */
    public Result awaitTakeover(Set<Integer> partitions, long killedAt)
            throws InterruptedException, ExecutionException {
        while (true) {
            Result first = readAll(RecordingRoutes.TRANSCRIPTS).stream()
                    .filter(r -> r.timestamp() > killedAt && partitions.contains(r.sourcePartition()))
                    .findFirst().orElse(null);
            if (first != null) {
                return first;
            }
            Thread.sleep(100);
        }
    }

    /** How many results each recording has, by id in order: more than one is a recording done twice. */
    public static Map<String, Long> countById(List<Result> results) {
        return results.stream()
                .collect(Collectors.groupingBy(Result::recordingId, TreeMap::new, Collectors.counting()));
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws InterruptedException, ExecutionException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
