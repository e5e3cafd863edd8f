package io.cameltogether.audio.client.transport;

import java.net.URI;
import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import io.cameltogether.audio.client.ApiKey;
import io.cameltogether.audio.client.UserAgent;

/**
 * The HttpClient every call to the API goes through: pooled keep-alive connections that add the key as the request
 * head is written ({@link AuthorizingConnections}), through the proxy and with the TLS material of the
 * {@link Network}, no automatic retries, redirects or cookies.
 */
public final class ApiHttpClients {

    private ApiHttpClients() {
    }

    public static CloseableHttpClient create(ApiKey apiKey, Duration connectTimeout, Duration requestTimeout,
                                      int maxConnections, Network network, URI baseUrl) {
        Timeout response = Timeout.of(requestTimeout);
        Network.Proxy proxy = network.proxyFor(baseUrl);
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create();
        if (network.tls() != null) {
            connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(network.tls().sslContext()));
        }
        return HttpClients.custom()
                .setProxy(proxy == null ? null : new HttpHost(proxy.host(), proxy.port()))
                .setConnectionManager(connections
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(response)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .setConnectionFactory(AuthorizingConnections.factory(apiKey,
                                proxy == null ? null : proxy.authorization()))
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(response)
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .build())
                .setUserAgent(UserAgent.VALUE)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
    }
}
