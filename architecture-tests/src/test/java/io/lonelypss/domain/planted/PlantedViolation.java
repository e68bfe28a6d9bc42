package io.lonelypss.domain.planted;

import io.vertx.core.buffer.Buffer;
import java.sql.Connection;

/**
 * Test-only class that breaks the rules on purpose: a "domain" class reaching for JDBC and Vert.x.
 * It lives in test sources, so the production import never sees it.
 */
public final class PlantedViolation {
  private PlantedViolation() {}

  public static boolean isOpen(Connection connection) throws java.sql.SQLException {
    return !connection.isClosed();
  }

  public static int size(Buffer buffer) {
    return buffer.length();
  }
}
