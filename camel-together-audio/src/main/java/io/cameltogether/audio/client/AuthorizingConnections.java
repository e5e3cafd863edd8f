package io.cameltogether.audio.client;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestWriter;
import org.apache.hc.core5.http.io.SessionOutputBuffer;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

/**
 * Connections that add the {@code Authorization} header as the request head is written, to a copy of the request.
 * HttpClient logs the headers of the request object it holds ({@code org.apache.hc.client5.http.headers} at
 * DEBUG); since that object never carries the key, the key cannot reach that log. (HttpClient's raw wire log,
 * {@code org.apache.hc.client5.http.wire}, dumps every byte sent, audio and headers alike.)
 */
final class AuthorizingConnections {

    private AuthorizingConnections() {
    }

    static ManagedHttpClientConnectionFactory factory(ApiKey apiKey) {
        return ManagedHttpClientConnectionFactory.builder()
                .requestWriterFactory(() -> new AuthorizingRequestWriter(apiKey))
                .build();
    }

    private static final class AuthorizingRequestWriter extends DefaultHttpRequestWriter {

        private final ApiKey apiKey;

        AuthorizingRequestWriter(ApiKey apiKey) {
            this.apiKey = apiKey;
        }

        @Override
        public void write(ClassicHttpRequest request, SessionOutputBuffer buffer, OutputStream out)
                throws IOException, HttpException {
            BasicClassicHttpRequest head = new BasicClassicHttpRequest(request.getMethod(), request.getPath());
            head.setVersion(request.getVersion());
            head.setHeaders(request.getHeaders());
            head.setHeader(HttpHeaders.AUTHORIZATION, apiKey.bearerHeaderValue());
            super.write(head, buffer, out);
        }
    }
}
