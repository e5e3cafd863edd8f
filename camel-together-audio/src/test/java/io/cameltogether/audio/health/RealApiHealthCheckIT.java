package io.cameltogether.audio.health;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.cameltogether.audio.client.ApiKey;
import io.cameltogether.audio.client.ApiProbe;
import io.cameltogether.audio.client.ApiStatus;
import io.cameltogether.audio.client.ClientSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The probe's reading of the real API's GET /v1/models, with the key from TOGETHER_API_KEY; skipped without it. */
@EnabledIfEnvironmentVariable(named = "TOGETHER_API_KEY", matches = ".+")
class RealApiHealthCheckIT {

    private static ApiStatus probe(String key) {
        ClientSettings settings = ClientSettings.builder(URI.create("https://api.together.xyz/v1"), ApiKey.of(key))
                .requestTimeout(Duration.ofSeconds(30)).maxRetries(0).maxConcurrentRequests(1).build();
        try (ApiProbe probe = new ApiProbe(settings, Duration.ofSeconds(30), Duration.ZERO)) {
            return probe.check();
        }
    }

    @Test
    void theRealKeyIsUpAndAWrongOneIsUnauthorized() {
        assertEquals(ApiStatus.State.UP, probe(System.getenv("TOGETHER_API_KEY")).state());
        assertEquals(ApiStatus.State.UNAUTHORIZED, probe("not-a-real-key").state());
    }
}
