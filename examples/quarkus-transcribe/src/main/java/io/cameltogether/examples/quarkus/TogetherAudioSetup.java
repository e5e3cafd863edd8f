package io.cameltogether.examples.quarkus;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.emulator.ApiTarget;

/**
 * The {@code together-audio} component as a CDI bean, which Camel Quarkus finds by name and then configures from
 * the {@code camel.component.together-audio.*} properties. When no base URL is configured (a test sets one), it
 * targets the real API if TOGETHER_API_KEY is set, else starts the emulator and says so.
 */
@ApplicationScoped
public class TogetherAudioSetup {

    private ApiTarget target;

    @Produces
    @Singleton
    @Named("together-audio")
    TogetherAudioComponent togetherAudio(
            @ConfigProperty(name = "camel.component.together-audio.base-url") Optional<String> configuredBaseUrl) {
        TogetherAudioComponent component = new TogetherAudioComponent();
        if (configuredBaseUrl.isEmpty()) {
            target = ApiTarget.fromEnvironment();
            component.getConfiguration().setBaseUrl(target.baseUrl());
            component.getConfiguration().setApiKey(target.apiKey());
        }
        return component;
    }

    @PreDestroy
    void stopEmulator() {
        if (target != null) {
            target.close();
        }
    }
}
