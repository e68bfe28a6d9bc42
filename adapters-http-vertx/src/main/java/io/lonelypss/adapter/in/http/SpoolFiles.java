package io.lonelypss.adapter.in.http;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names of spooled notify bodies: {@code lonelypss-notify-<pid>-<random>.spool}. The process id
 * lets a starting broadcaster delete what a crashed one left behind without touching the files of
 * other live broadcasters that share the directory.
 */
public final class SpoolFiles {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolFiles.class);
  private static final Pattern NAME = Pattern.compile("lonelypss-notify-(\\d+)-.*\\.spool");

  static final String SUFFIX = ".spool";

  private SpoolFiles() {}

  /** The prefix of this process's spool files. */
  static String prefix() {
    return "lonelypss-notify-" + ProcessHandle.current().pid() + "-";
  }

  /**
   * Deletes spool files in {@code dir} whose process is no longer running. Blocking file work: call
   * it at startup, not on an event loop.
   *
   * @return how many files were deleted
   */
  public static int deleteLeftovers(Path dir) {
    return delete(dir, false);
  }

  /**
   * Deletes this process's own spool files in {@code dir}: once the server has stopped and every
   * request has ended, any that remain are orphans. Blocking file work, for the stop sequence.
   *
   * @return how many files were deleted
   */
  public static int deleteOwn(Path dir) {
    return delete(dir, true);
  }

  private static int delete(Path dir, boolean own) {
    String self = Long.toString(ProcessHandle.current().pid());
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "lonelypss-notify-*.spool")) {
      for (Path file : files) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        boolean target = m.matches() && (own ? m.group(1).equals(self) : !isRunning(m.group(1)));
        if (target && Files.deleteIfExists(file)) {
          deleted++;
        }
      }
    } catch (IOException e) {
      LOG.warn("could not clean up old spool files in {}: {}", dir, e.toString());
    }
    if (deleted > 0) {
      LOG.info(
          "deleted {} spool files left in {} by {}",
          deleted,
          dir,
          own ? "interrupted uploads" : "stopped broadcasters");
    }
    return deleted;
  }

  private static boolean isRunning(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true; // not ours to judge
    }
  }
}
