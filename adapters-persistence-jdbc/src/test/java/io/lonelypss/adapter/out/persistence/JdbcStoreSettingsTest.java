package io.lonelypss.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcStoreSettingsTest {
  @Test
  void theDefaultsAreAFiveSecondConnectionTimeoutAndBusyTimeout() {
    JdbcStoreSettings settings = JdbcStoreSettings.of(4);

    assertEquals(
        new JdbcStoreSettings(
            4, 1024, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30)),
        settings);
  }

  @Test
  void eachWitherChangesOnlyItsOwnSetting() {
    JdbcStoreSettings settings =
        JdbcStoreSettings.of(2)
            .withQueueCapacity(7)
            .withConnectionTimeout(Duration.ofSeconds(1))
            .withBusyTimeout(Duration.ofMillis(10))
            .withCloseTimeout(Duration.ZERO);

    assertEquals(
        new JdbcStoreSettings(2, 7, Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ZERO),
        settings);
  }

  static Stream<Arguments> invalidSettings() {
    Supplier<JdbcStoreSettings> zeroPool = () -> JdbcStoreSettings.of(0);
    Supplier<JdbcStoreSettings> zeroQueue = () -> JdbcStoreSettings.of(1).withQueueCapacity(0);
    Supplier<JdbcStoreSettings> shortConnectionTimeout =
        () -> JdbcStoreSettings.of(1).withConnectionTimeout(Duration.ofMillis(249));
    Supplier<JdbcStoreSettings> negativeBusyTimeout =
        () -> JdbcStoreSettings.of(1).withBusyTimeout(Duration.ofMillis(-1));
    Supplier<JdbcStoreSettings> hugeBusyTimeout =
        () -> JdbcStoreSettings.of(1).withBusyTimeout(Duration.ofDays(30));
    Supplier<JdbcStoreSettings> negativeCloseTimeout =
        () -> JdbcStoreSettings.of(1).withCloseTimeout(Duration.ofMillis(-1));
    return Stream.of(
        Arguments.of("pool of 0", zeroPool),
        Arguments.of("queue of 0", zeroQueue),
        Arguments.of("connection timeout under 250 ms", shortConnectionTimeout),
        Arguments.of("negative busy timeout", negativeBusyTimeout),
        Arguments.of("busy timeout over 2^31-1 ms", hugeBusyTimeout),
        Arguments.of("negative close timeout", negativeCloseTimeout));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSettings")
  void invalidSettingsAreRejected(String name, Supplier<JdbcStoreSettings> build) {
    assertThrows(IllegalArgumentException.class, build::get, name);
  }
}
