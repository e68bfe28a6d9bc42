package io.lonelypss.adapter.out.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    WebhookSettings d = WebhookSettings.DEFAULTS;

    assertEquals(Duration.ofSeconds(5), d.connectTimeout());
    assertEquals(Duration.ofSeconds(5), d.idleTimeout());
    assertEquals(Duration.ofSeconds(30), d.totalTimeout());
    assertEquals(64 * 1024, d.maxAnswerBytes());
    assertEquals(64, d.poolSize());
    assertEquals(Duration.ofSeconds(2), d.keepAliveTimeout());
  }

  @Test
  void eachWitherChangesOnlyItsField() {
    WebhookSettings d = WebhookSettings.DEFAULTS;
    Duration one = Duration.ofMillis(1);

    assertEquals(
        new WebhookSettings(one, one, one, 0, 1, Duration.ZERO),
        d.withConnectTimeout(one)
            .withIdleTimeout(one)
            .withTotalTimeout(one)
            .withMaxAnswerBytes(0)
            .withPoolSize(1)
            .withKeepAliveTimeout(Duration.ZERO));
  }

  @Test
  void rejectsSettingsThatCannotWork() {
    WebhookSettings d = WebhookSettings.DEFAULTS;

    assertThrows(IllegalArgumentException.class, () -> d.withConnectTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> d.withIdleTimeout(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> d.withTotalTimeout(Duration.ofDays(2)));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxAnswerBytes(-1));
    assertThrows(IllegalArgumentException.class, () -> d.withPoolSize(0));
    assertThrows(
        IllegalArgumentException.class, () -> d.withKeepAliveTimeout(Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> d.withIdleTimeout(null));
  }
}
