package io.cameltogether.audio.client;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A full client makes senders wait for room instead of refusing them; stopping tells waiting senders why. */
class RequestAdmissionTest {

    private final RequestAdmission admission = new RequestAdmission(1, 1);

    @Test
    void aSenderPastTheBoundWaitsForRoomAndGoesOnWhenARequestEnds() {
        admission.enter(true);
        admission.enter(true);
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> admission.enter(true));
        awaitSenderWaitingForRoom();

        assertFalse(third.isDone(), "the third sender waits while two requests are held");
        admission.leave();

        third.join();
    }

    @Test
    void stoppingWakesWaitingSendersWithAnErrorSayingSo() {
        admission.enter(true);
        admission.enter(true);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> admission.enter(true));
        awaitSenderWaitingForRoom();

        admission.close();

        Throwable failure = waiting.handle((ok, e) -> e).join();
        TogetherAudioException e = assertInstanceOf(TogetherAudioException.class, failure.getCause());
        assertTrue(e.getMessage().contains("stopping"), e.getMessage());
    }

    @Test
    void aSenderThatMustNotWaitTakesAPlaceOverTheBound() {
        admission.enter(true);
        admission.enter(true);

        admission.enter(false);
        admission.leave();
        admission.leave();
        admission.leave();
        admission.enter(true); // all three places given back: room again at once
    }

    /** Waits until some thread is parked in {@link RequestAdmission#enter(boolean)}. */
    private static void awaitSenderWaitingForRoom() {
        await().until(() -> Thread.getAllStackTraces().entrySet().stream()
                .filter(t -> t.getKey().getState() == Thread.State.WAITING)
                .map(Map.Entry::getValue)
                .anyMatch(frames -> Arrays.stream(frames)
                        .anyMatch(f -> f.getClassName().equals(RequestAdmission.class.getName()))));
    }
}
