package io.lonelypss.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path cwd;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        Map.of(),
        cwd,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    assertEquals(0, run("help"));
    String text = out.toString(StandardCharsets.UTF_8);
    for (Setting s : Setting.values()) {
      assertTrue(text.contains("--" + s.key()), s.key());
    }
    assertTrue(text.contains("serve"));
  }

  @Test
  void anUnknownCommandExitsWith2AndSaysSo() {
    assertEquals(2, run("sreve"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'sreve'"));
  }

  @Test
  void aBadOptionToServeExitsWith2BeforeStartingAnything() {
    assertEquals(2, run("serve", "--port", "x"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("port must be a whole number"));
  }
}
