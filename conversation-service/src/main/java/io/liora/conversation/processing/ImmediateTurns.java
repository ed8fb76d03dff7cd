package io.liora.conversation.processing;

import io.liora.common.work.InFlight;
import io.liora.common.work.IsolatedContexts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Answers the messages the webhook's transaction claimed as it stored them (V13): a customer's
 * message that was their only pending one is answered by this replica as soon as that transaction
 * commits, without a round of the inbox (no notification, no claim transaction). At most
 * {@link InboxConfig#concurrency()} such turns are under way per replica: a storing transaction
 * reserves its places first ({@link #reserve}) and claims no more than it got. Only on replicas
 * that run the workers; a message this replica never answers (it died) is claimed again by a round
 * once its lease runs out, as a round's own claim would be.
 */
@ApplicationScoped
public class ImmediateTurns {

    /** A message stored already claimed: its id, its tenant and the business number it was sent to. */
    public record Claimed(UUID id, UUID clienteId, String phoneNumberId) {
    }

    private final InboxConfig config;
    private final InboxProcessor processor;
    private final InboxWorker worker;
    private final Vertx vertx;
    private final Counter answered;
    private final InFlight places;

    public ImmediateTurns(InboxConfig config, InboxProcessor processor, InboxWorker worker, Vertx vertx,
            MeterRegistry metrics) {
        this.config = config;
        this.processor = processor;
        this.worker = worker;
        this.vertx = vertx;
        this.places = new InFlight(config.concurrency());
        this.answered = Counter.builder("liora.inbox.immediate.turns")
                .description("Messages claimed as they were stored and answered without a round of the inbox")
                .register(metrics);
    }

    /** How long a claim at storing lasts: a round's lease. */
    public double leaseSeconds() {
        return config.claimLease().toSeconds();
    }

    /** Reserves places for up to {@code wanted} turns; answers how many it got (none where no workers run). */
    public int reserve(int wanted) {
        return config.workerEnabled() ? places.reserve(wanted) : 0;
    }

    /** Gives back places a storing transaction reserved and did not claim. */
    public void release(int unused) {
        places.release(unused);
    }

    /**
     * Answers what the committed transaction claimed, each on a context of its own, and frees each
     * place when its turn is over; {@code leftForRounds}: the transaction also stored messages it did
     * not claim (their contact had another pending), so the rounds are woken once these turns are
     * done, for those to follow at once. Never fails: a turn that fails is retried as a round's is.
     */
    public void answer(List<Claimed> claimed, boolean leftForRounds) {
        List<Uni<Void>> turns = new ArrayList<>();
        for (Claimed message : claimed) {
            turns.add(IsolatedContexts.run(vertx, () -> processor.answer(message.id(), message.clienteId(),
                            message.phoneNumberId()))
                    .invoke(() -> answered.increment())
                    .eventually(() -> places.release(1)));
        }
        if (turns.isEmpty()) {
            if (leftForRounds) {
                worker.wake();
            }
            return;
        }
        Uni.join().all(turns).andCollectFailures().subscribe().with(done -> {
            if (leftForRounds) {
                worker.wake();
            }
        }, failure -> worker.wake());
    }
}
