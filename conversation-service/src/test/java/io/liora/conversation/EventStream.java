package io.liora.conversation;

import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A console's server-sent event stream, read in the background: the data lines it received. */
final class EventStream implements AutoCloseable {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;

    private EventStream(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(answer -> answer.body().filter(line -> line.startsWith("data:"))
                .forEach(line -> events.add(line.substring(5).trim())));
    }

    static EventStream open(String path, String token) throws InterruptedException {
        EventStream stream = new EventStream(path, token);
        Thread.sleep(500); // subscribed before the test acts
        return stream;
    }

    /** Whether an event matching {@code wanted} arrives within {@code timeout}. */
    boolean receives(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        return receivesAfter(0, wanted, timeout);
    }

    /** Whether an event matching {@code wanted}, after the first {@code skipped}, arrives within {@code timeout}. */
    boolean receivesAfter(int skipped, Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (events.stream().skip(skipped).anyMatch(wanted)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    List<String> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        response.cancel(true);
    }
}
