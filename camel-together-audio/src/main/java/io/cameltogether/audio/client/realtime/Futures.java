package io.cameltogether.audio.client.realtime;

import java.util.concurrent.CompletableFuture;

/** Passing one future's outcome on to another. */
final class Futures {

    private Futures() {
    }

    static <T> void propagate(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((value, error) -> {
            if (error != null) {
                to.completeExceptionally(error);
            } else {
                to.complete(value);
            }
        });
    }

    static void failIfFailed(CompletableFuture<?> future, Throwable failure) {
        if (failure != null) {
            future.completeExceptionally(failure);
        }
    }
}
