package io.lonelypss.bootstrap;

/** The {@code auth_mode = none} exchanges of {@code http-messages.json}. */
class HttpVectorReplayNoneIT extends HttpVectorReplay {
  HttpVectorReplayNoneIT() {
    super("none", 28);
  }
}
