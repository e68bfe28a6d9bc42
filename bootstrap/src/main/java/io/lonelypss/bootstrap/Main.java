package io.lonelypss.bootstrap;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line: {@code serve}, {@code setup} (and {@code help}). */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err);
    if (code != 0) {
      // exit even when threads started before the failure (Vert.x, the pool) are still alive
      System.exit(code);
    }
  }

  /** Runs one command; {@code serve} returns only once the broadcaster has been stopped. */
  static int run(
      String[] args, Map<String, String> env, Path cwd, PrintStream out, PrintStream err) {
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    String command = args.length == 0 ? "help" : args[0];
    try {
      switch (command) {
        case "serve":
          return serve(ConfigLoader.load(rest, env, cwd), out);
        case "setup":
          return SetupCommand.run(rest, cwd, out, err, new SecureRandom());
        case "help":
        case "--help":
        case "-h":
          out.print(usage());
          return 0;
        default:
          err.println("lonelypss: unknown command '" + command + "'");
          err.print(usage());
          return 2;
      }
    } catch (ConfigException e) {
      err.println("lonelypss: " + e.getMessage());
      return 2;
    }
  }

  private static int serve(BroadcasterConfig config, PrintStream out) {
    RunningBroadcaster running;
    try {
      running = Broadcaster.start(config).toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception | Error e) {
      // anything, even a linkage error from a broken jar: report it and exit, never hang
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      LOG.error("could not start: {}", cause.toString());
      return 1;
    }
    out.println("lonelypss: listening on " + running.baseUrl() + " (Ctrl-C to stop)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping: finishing in-flight requests");
                  try {
                    running
                        .stop()
                        .toCompletableFuture()
                        .get(config.shutdownGrace().toSeconds() + 10, TimeUnit.SECONDS);
                    LOG.info("stopped");
                  } catch (Exception e) {
                    LOG.warn("unclean stop: {}", e.toString());
                  } finally {
                    stopped.countDown();
                  }
                },
                "lonelypss-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  static String usage() {
    StringBuilder b = new StringBuilder();
    b.append("usage: lonelypss <command> [--option value ...]\n\n")
        .append("commands:\n")
        .append("  serve   run the broadcaster\n")
        .append(
            "  setup   write secrets files and lonelypss.json here (setup --help for options)\n")
        .append("  help    show this text\n\n")
        .append("serve options (also keys of lonelypss.json and LONELYPSS_<KEY> variables):\n")
        .append(
            String.format(
                "  %-28s %s%n", "--config FILE", "config file (default ./lonelypss.json)"));
    for (Setting s : Setting.values()) {
      b.append(
          String.format(
              "  %-28s %s (default: %s)%n",
              "--" + s.key() + " V",
              s.help(),
              s.defaultValue().isEmpty() ? "none" : s.defaultValue()));
    }
    return b.toString();
  }
}
