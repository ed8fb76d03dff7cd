package io.liora.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The chat page's live feed: a viewer that takes one change at a time misses none. */
class ChatsTest {

    private static final String NUMBER = "100000000000001";
    private static final String CONTACT = "56911112222";

    @Test
    void aViewerWithoutDemandAtThatMomentGetsEveryChangeLaterInOrderOfArrival() throws Exception {
        Chats chats = new Chats();
        // like the SSE writer: one item requested, the next only after it is written
        AssertSubscriber<ChatMessage> viewer = chats.live(NUMBER, CONTACT).subscribe()
                .withSubscriber(AssertSubscriber.create(1));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int thread = 0; thread < 4; thread++) {
            int t = thread;
            threads.submit(() -> {
                start.await();
                for (int i = 0; i < 50; i++) {
                    chats.add(answer("wamid." + t + "." + i));
                    chats.status("wamid." + t + "." + i, "sent");
                }
                return null;
            });
        }
        chats.add(new ChatMessage(NUMBER, "56933334444", "out", "text", "otra", null, "wamid.x", "accepted", Instant.now()));
        start.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        viewer.request(1_000);
        viewer.awaitItems(400);
        assertThat(viewer.getFailure()).isNull();
        assertThat(viewer.getItems()).hasSize(400).allMatch(m -> m.msisdn().equals(CONTACT));
        for (int t = 0; t < 4; t++) {
            String prefix = "wamid." + t + ".";
            assertThat(viewer.getItems().stream().filter(m -> m.wamid().startsWith(prefix))
                    .filter(m -> m.status().equals("accepted")).map(ChatMessage::wamid))
                    .as("thread %d's answers in the order they were added", t)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj(i -> prefix + i).toList());
        }
    }

    private static ChatMessage answer(String wamid) {
        return new ChatMessage(NUMBER, CONTACT, "out", "text", "hola", null, wamid, "accepted", Instant.now());
    }
}
