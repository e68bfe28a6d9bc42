package io.lonelypss.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broadcaster in a JVM of its own: {@code java -jar target/lonelypss.jar serve <flags>} (the fat
 * jar of the package phase, found from the module directory the tests run in), with its output in a
 * log file. {@link #close()} sends the stop signal (SIGTERM) and waits for the process to end.
 */
final class BroadcasterProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  private final Process process;
  private final Path log;
  private final String baseUrl;

  private BroadcasterProcess(Process process, Path log, String baseUrl) {
    this.process = process;
    this.log = log;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts {@code serve} in {@code workingDirectory} with {@code flags} and waits until it says
   * where it listens.
   */
  static BroadcasterProcess start(Path workingDirectory, String... flags) throws Exception {
    return start(workingDirectory, List.of(), flags);
  }

  /** As {@link #start(Path, String...)}, with options for the JVM (e.g. {@code -Xmx256m}). */
  static BroadcasterProcess start(Path workingDirectory, List<String> jvmOptions, String... flags)
      throws Exception {
    Path jar =
        Path.of(System.getProperty("lonelypss.build.directory", "target"), "lonelypss.jar")
            .toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("the fat jar is built in the package phase: " + jar);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.add("serve");
    command.addAll(List.of(flags));
    Path log = workingDirectory.resolve("serve.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // only the working directory's config and the flags configure it, whatever the build's
    // environment says
    builder.environment().keySet().removeIf(name -> name.startsWith("LONELYPSS_"));
    Process process = builder.start();
    try {
      return new BroadcasterProcess(process, log, waitForListeningLine(process, log));
    } catch (Exception | AssertionError e) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw e;
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  long pid() {
    return process.pid();
  }

  /** Ends the process at once (SIGKILL), e.g. from a watchdog. */
  void kill() {
    process.destroyForcibly();
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  /**
   * Sends SIGTERM and waits for the process.
   *
   * @return the exit code (143 after a clean stop by SIGTERM)
   */
  int stop() throws InterruptedException {
    sendStop();
    return awaitExit();
  }

  /** Sends SIGTERM, as Ctrl-C's SIGINT would: the shutdown hook starts a clean stop. */
  void sendStop() {
    process.destroy();
  }

  /** Waits for the process to end and answers its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError("the broadcaster process did not stop within 60 s");
    }
    return process.exitValue();
  }

  /** Stops the process if {@link #stop()} was not called (or failed): SIGTERM, then SIGKILL. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Reads the log until the broadcaster says where it listens (or the process dies). */
  private static String waitForListeningLine(Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      Matcher m = LISTENING.matcher(text);
      if (m.find()) {
        return m.group(1);
      }
      if (!process.isAlive()) {
        throw new AssertionError("the broadcaster exited before listening: " + text);
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError(
        "the broadcaster never said it was listening: " + Files.readString(log));
  }
}
