package io.lonelypss.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path cwd;

  @Test
  void defaultsServeOnLoopbackPort3003WithSubscriptionsDb() {
    BroadcasterConfig c = ConfigLoader.load(List.of(), Map.of(), cwd);
    assertEquals("127.0.0.1", c.host());
    assertEquals(3003, c.port());
    assertEquals(cwd.resolve("subscriptions.db"), c.sqlitePath());
    assertEquals("sqlite", c.db());
    assertEquals(10L * 1024 * 1024, c.messageBodySpoolSize());
    assertEquals(-1, c.maxNotifySize());
    assertEquals(32, c.fanoutParallelism());
    assertEquals(Duration.ofSeconds(5), c.webhookConnectTimeout());
    assertEquals(Duration.ofSeconds(5), c.webhookReadTimeout());
    assertEquals(Duration.ofSeconds(30), c.webhookTotalTimeout());
  }

  @Test
  void fileThenEnvironmentThenFlagsEachOverrideTheLayerBelow() throws Exception {
    Files.writeString(
        cwd.resolve("lonelypss.json"),
        "{\"port\": 4000, \"host\": \"0.0.0.0\", \"sqlite-path\": \"file.db\", \"fanout-parallelism\": 7}");
    Map<String, String> env = Map.of("LONELYPSS_PORT", "5000", "LONELYPSS_SQLITE_PATH", "env.db");
    BroadcasterConfig c = ConfigLoader.load(List.of("--port", "6000"), env, cwd);
    assertEquals(6000, c.port(), "flag beats environment");
    assertEquals(cwd.resolve("env.db"), c.sqlitePath(), "environment beats file");
    assertEquals("0.0.0.0", c.host(), "file beats default");
    assertEquals(7, c.fanoutParallelism());
  }

  @Test
  void aConfigFlagNamesAnotherFileAndKeyEqualsValueFlagsWork() throws Exception {
    Files.writeString(cwd.resolve("other.json"), "{\"webhook-total-timeout\": \"2.5\"}");
    Files.writeString(cwd.resolve("lonelypss.json"), "{\"port\": 1}");
    BroadcasterConfig c =
        ConfigLoader.load(List.of("--config", "other.json", "--host=::1"), Map.of(), cwd);
    assertEquals(Duration.ofMillis(2500), c.webhookTotalTimeout());
    assertEquals(3003, c.port(), "the default file is not read when --config is given");
    assertEquals("::1", c.host());
  }

  @Test
  void relativePathsInTheFileAreRelativeToTheFileAndOthersToTheWorkingDirectory() throws Exception {
    Path conf = Files.createDirectories(cwd.resolve("etc"));
    Files.writeString(
        conf.resolve("lonelypss.json"),
        "{\"sqlite-path\": \"data/subs.db\", \"secrets\": \"broadcaster-secrets.json\"}");
    BroadcasterConfig c =
        ConfigLoader.load(List.of("--config", "etc/lonelypss.json"), Map.of(), cwd);
    assertEquals(conf.resolve("data/subs.db"), c.sqlitePath());
    assertEquals(conf.resolve("broadcaster-secrets.json"), c.secrets().orElseThrow());
    BroadcasterConfig flags =
        ConfigLoader.load(
            List.of("--config", "etc/lonelypss.json", "--secrets", "s.json"), Map.of(), cwd);
    assertEquals(cwd.resolve("s.json"), flags.secrets().orElseThrow());
  }

  @Test
  void badInputIsRefusedWithAMessageNamingTheProblem() throws Exception {
    assertMessage(List.of("--port", "http"), Map.of(), "port must be a whole number");
    assertMessage(List.of("--port", "70000"), Map.of(), "port must be between 0 and 65535");
    assertMessage(List.of("--colour", "blue"), Map.of(), "unknown option --colour");
    assertMessage(List.of("--port"), Map.of(), "--port needs a value");
    assertMessage(List.of("serve"), Map.of(), "unexpected argument 'serve'");
    assertMessage(List.of("--db", "mysql"), Map.of(), "db must be sqlite");
    assertMessage(
        List.of(), Map.of("LONELYPSS_WEBHOOK_READ_TIMEOUT", "-1"), "webhook-read-timeout");
    assertMessage(List.of("--config", "missing.json"), Map.of(), "does not exist");
    Files.writeString(cwd.resolve("lonelypss.json"), "{\"prot\": 1}");
    assertMessage(List.of(), Map.of(), "unknown key 'prot'");
    Files.writeString(cwd.resolve("lonelypss.json"), "[1, 2]");
    assertMessage(List.of(), Map.of(), "is not a JSON object");
  }

  private void assertMessage(List<String> flags, Map<String, String> env, String expected) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(flags, env, cwd));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
