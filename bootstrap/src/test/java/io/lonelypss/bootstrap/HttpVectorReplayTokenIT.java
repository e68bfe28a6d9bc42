package io.lonelypss.bootstrap;

/** The {@code auth_mode = token} exchanges of {@code http-messages.json}. */
class HttpVectorReplayTokenIT extends HttpVectorReplay {
  HttpVectorReplayTokenIT() {
    super("token", 31);
  }
}
