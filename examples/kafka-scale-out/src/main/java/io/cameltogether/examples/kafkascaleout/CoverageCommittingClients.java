package io.cameltogether.examples.kafkascaleout;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.examples.kafkascaleout.CoveredChunks.PartitionChunks;

/**
 * Kafka consumers whose offsets follow coverage. A Kafka consumer may only be used by its polling thread, while
 * audio is covered on others; so each consumer this factory makes does, on its polling thread, before every poll:
 * commit each partition up to its covered chunks, and read a partition again from its first uncovered chunk when a
 * chunk failed (its sessions abandoned first). When a partition is revoked, its sessions here are abandoned before
 * its new owner reads it, so that two instances never transcribe a call at once.
 */
public final class CoverageCommittingClients extends DefaultKafkaClientFactory {

    /** Ends the sessions of calls this instance gives up, dropping audio not yet transcribed. */
    public interface Sessions {
        void abandon(Set<String> callIds);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CoverageCommittingClients.class);
    /** How long a released partition's transcripts in progress may take to be routed before its commit. */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final CoveredChunks chunks;
    private final Sessions sessions;

    public CoverageCommittingClients(CoveredChunks chunks, Sessions sessions) {
        this.chunks = chunks;
        this.sessions = sessions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Consumer getConsumer(Properties kafkaProps) {
        Consumer<?, ?> kafka = super.getConsumer(kafkaProps);
        return (Consumer) Proxy.newProxyInstance(Consumer.class.getClassLoader(), new Class<?>[] {Consumer.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("poll")) {
                        beforePoll(kafka);
                    } else if (method.getName().equals("subscribe") && args.length == 2
                            && args[1] instanceof ConsumerRebalanceListener camels) {
                        args = new Object[] {args[0], new ReleasingListener(kafka, camels)};
                    }
                    try {
                        return method.invoke(kafka, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void beforePoll(Consumer<?, ?> kafka) throws InterruptedException {
        for (TopicPartition partition : kafka.assignment()) {
            PartitionChunks read = chunks.of(partition);
            if (read == null) {
                continue;
            }
            if (read.failure() != null) {
                LOG.warn("a chunk of {} will not be covered ({}): reading the partition again from its first "
                        + "uncovered chunk", partition, read.failure().getMessage());
                release(kafka, List.of(partition), true).forEach(kafka::seek);
                continue;
            }
            Long covered = read.takeCovered();
            if (covered != null) {
                kafka.commitAsync(Map.of(partition, new OffsetAndMetadata(covered)), (offsets, failure) -> {
                    if (failure != null) {
                        LOG.warn("commit of {} failed ({}); it is read again from the last commit if it moves",
                                offsets, failure.getMessage());
                    }
                });
            }
        }
    }

    /**
     * Abandons the sessions of the partitions' calls, waits for what they already transcribed to be routed,
     * commits what is covered (if the partitions are still ours) and forgets them.
     *
     * @return each partition's first uncovered offset, where reading it again starts
     */
    private Map<TopicPartition, Long> release(Consumer<?, ?> kafka, Collection<TopicPartition> partitions,
                                              boolean owned) throws InterruptedException {
        Map<TopicPartition, PartitionChunks> released = new HashMap<>();
        Set<String> calls = new HashSet<>();
        for (TopicPartition partition : partitions) {
            PartitionChunks read = chunks.of(partition);
            if (read != null) {
                released.put(partition, read);
                calls.addAll(read.calls());
            }
        }
        sessions.abandon(calls);
        Map<TopicPartition, Long> firstUncovered = new HashMap<>();
        for (Map.Entry<TopicPartition, PartitionChunks> entry : released.entrySet()) {
            entry.getValue().awaitSettled(SETTLE);
            Long covered = entry.getValue().takeCovered();
            if (owned && covered != null) {
                kafka.commitSync(Map.of(entry.getKey(), new OffsetAndMetadata(covered)));
            }
            Long first = entry.getValue().firstUncovered();
            if (first != null) {
                firstUncovered.put(entry.getKey(), first);
            }
            chunks.forget(entry.getKey());
        }
        return firstUncovered;
    }

    /** Camel's rebalance listener, after this instance has let the moving partitions go. */
    private final class ReleasingListener implements ConsumerRebalanceListener {
        private final Consumer<?, ?> kafka;
        private final ConsumerRebalanceListener camels;

        ReleasingListener(Consumer<?, ?> kafka, ConsumerRebalanceListener camels) {
            this.kafka = kafka;
            this.camels = camels;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            releaseThen(partitions, true);
            camels.onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            releaseThen(partitions, false); // another instance may own them already: no commit
            camels.onPartitionsLost(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            camels.onPartitionsAssigned(partitions);
        }

        private void releaseThen(Collection<TopicPartition> partitions, boolean owned) {
            try {
                release(kafka, partitions, owned);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
