package io.cameltogether.audio.springboot;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;

import io.cameltogether.audio.TogetherAudioComponent;

/**
 * Applies {@code camel.component.together-audio.*} to the together-audio component, as Camel's own starters do: a
 * customizer that copies the set properties onto the component, switched by
 * {@code camel.component.together-audio.enabled} and the {@code camel.component[.together-audio].customizer.enabled}
 * flags.
 */
@AutoConfiguration
@AutoConfigureAfter(CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, TogetherAudioComponentConfiguration.class })
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.together-audio" })
@Import(TogetherAudioComponentConverter.class)
public class TogetherAudioComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final CamelContext camelContext;
    private final TogetherAudioComponentConfiguration configuration;

    public TogetherAudioComponentAutoConfiguration(ApplicationContext applicationContext, CamelContext camelContext,
                                                   TogetherAudioComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.camelContext = camelContext;
        this.configuration = configuration;
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureTogetherAudioComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(camelContext, configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        "camel.component.together-audio.customizer") && target instanceof TogetherAudioComponent;
            }
        };
    }
}
