package io.cameltogether.examples.kafkascaleout;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.component.kafka.consumer.CommitManager;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.apache.kafka.common.TopicPartition;

/**
 * The audio chunks an instance has read and not yet committed, per partition, in offset order. Each record's
 * {@link KafkaManualCommit} is its {@link Chunk}: {@code commit()} means "this chunk's audio is covered", which
 * lets the partition's offset move past it once every chunk before it is covered too.
 *
 * <p>Being neither of camel-kafka's own factories, this one also gets the consumer a no-op commit manager: Camel
 * then never commits an offset by itself (after a poll, or when a partition is revoked), so a chunk read but not
 * covered is always read again.
 */
public final class CoveredChunks implements KafkaManualCommitFactory {

    private final Map<TopicPartition, PartitionChunks> partitions = new ConcurrentHashMap<>();

    @Override
    public KafkaManualCommit newInstance(CamelExchangePayload exchange, KafkaRecordPayload record,
                                         CommitManager commitManager) {
        return partitions.computeIfAbsent(record.partition, p -> new PartitionChunks()).received(record.recordOffset);
    }

    /** The partition's chunks, or null if none was read since it was last let go. */
    PartitionChunks of(TopicPartition partition) {
        return partitions.get(partition);
    }

    /** Forgets the partition: its chunks will be read again, and what they complete now changes nothing. */
    void forget(TopicPartition partition) {
        partitions.remove(partition);
    }

    /** The chunks of one partition, and the calls whose sessions they opened on this instance. */
    static final class PartitionChunks {

        private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
        private final Set<String> calls = new HashSet<>();
        private Throwable failure;

        private synchronized Chunk received(long offset) {
            Chunk chunk = new Chunk(offset);
            chunks.add(chunk);
            return chunk;
        }

        /** The offset to commit: past the chunks covered without a gap from the start; null if none. */
        synchronized Long takeCovered() {
            Long next = null;
            while (!chunks.isEmpty() && chunks.peek().covered) {
                next = chunks.poll().offset + 1;
            }
            return next;
        }

        /** The first chunk not covered, from which the partition is to be read again; null if none. */
        synchronized Long firstUncovered() {
            return chunks.isEmpty() ? null : chunks.peek().offset;
        }

        /** Why a chunk of this partition will not be covered; null while none failed. */
        synchronized Throwable failure() {
            return failure;
        }

        synchronized Set<String> calls() {
            return Set.copyOf(calls);
        }

        /** Waits until every chunk is covered or failed, at most this long. */
        synchronized void awaitSettled(Duration atMost) throws InterruptedException {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (chunks.stream().anyMatch(c -> !c.covered && !c.failed)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait(left / 1_000_000 + 1);
            }
        }

        /** One record of the partition: committed once its audio is covered. */
        final class Chunk implements KafkaManualCommit {
            private final long offset;
            private boolean covered;
            private boolean failed;

            private Chunk(long offset) {
                this.offset = offset;
            }

            /** The chunk's audio is covered by routed transcripts (or the call ended with it). */
            @Override
            public void commit() {
                synchronized (PartitionChunks.this) {
                    covered = true;
                    PartitionChunks.this.notifyAll();
                }
            }

            /** The chunk's audio will not be covered: the partition is read again from its first uncovered chunk. */
            void fail(Throwable cause) {
                synchronized (PartitionChunks.this) {
                    failed = true;
                    if (failure == null) {
                        failure = cause;
                    }
                    PartitionChunks.this.notifyAll();
                }
            }

            /** Whether this chunk is the first of its call read here: a session opens for it. */
            boolean opensCall(String callId) {
                synchronized (PartitionChunks.this) {
                    return calls.add(callId);
                }
            }

            /** The call ended with this chunk: its session is closed. */
            void endsCall(String callId) {
                synchronized (PartitionChunks.this) {
                    calls.remove(callId);
                }
            }
        }
    }
}
