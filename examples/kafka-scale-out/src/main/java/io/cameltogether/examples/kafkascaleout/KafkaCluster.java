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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the demo and the tests do to the cluster from outside the instances: make topics, publish recordings, see
 * which instance owns which partitions, tell when the group has committed everything, and read the results.
 */
public final class KafkaCluster implements AutoCloseable {

    /**
     * One record of a results topic: the recording's id, its transcript (or, when it failed, its reference and the
     * error), and who made it from which partition.
     */
    public record Result(String recordingId, String value, String error, String transcribedBy,
                         Integer sourcePartition, long timestamp) {
    }

    private final String bootstrapServers;
    private final Admin admin;
    private final KafkaProducer<String, String> producer;

    public KafkaCluster(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
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
     * The topics the routes use: recordings with this many partitions (the most instances that can share them),
     * the others with one. Transcripts are compacted: of a recording transcribed twice (the one window that can
     * repeat), one stays. The done-ids repository reads its topic at start-up, so it must exist first.
     */
    public void createRecordingTopics(int partitions) throws InterruptedException, ExecutionException {
        createTopic(RecordingRoutes.RECORDINGS, partitions, Map.of());
        createTopic(RecordingRoutes.TRANSCRIPTS, 1, Map.of("cleanup.policy", "compact"));
        createTopic(RecordingRoutes.FAILED, 1, Map.of());
        createTopic(RecordingRoutes.DONE_IDS, 1, Map.of());
    }

    public void publish(String topic, String key, String value) throws InterruptedException, ExecutionException {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
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

    /** Every record the topic holds now, read from the start. */
    public List<Result> readAll(String topic) throws InterruptedException, ExecutionException {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        List<Result> results = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    String partition = header(r, RecordingRoutes.SOURCE_PARTITION);
                    results.add(new Result(r.key(), r.value(), header(r, RecordingRoutes.ERROR_HEADER),
                            header(r, RecordingRoutes.TRANSCRIBED_BY),
                            partition == null ? null : Integer.valueOf(partition), r.timestamp()));
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
