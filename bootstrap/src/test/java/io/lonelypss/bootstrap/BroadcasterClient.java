package io.lonelypss.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Posts raw protocol bodies to a broadcaster over HTTP/1.1, as lonelypsc does. */
final class BroadcasterClient {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String base;

  BroadcasterClient(String base) {
    this.base = base;
  }

  HttpResponse<byte[]> post(String path, byte[] body) throws IOException, InterruptedException {
    return post(path, body, Optional.empty());
  }

  /** Posts with an {@code Authorization} header when one is given. */
  HttpResponse<byte[]> post(String path, byte[] body, Optional<String> authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(120))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    authorization.ifPresent(value -> request.header("Authorization", value));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
