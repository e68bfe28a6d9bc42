package io.lonelypss.bootstrap;

/** The {@code auth_mode = hmac} exchanges of {@code http-messages.json}. */
class HttpVectorReplayHmacIT extends HttpVectorReplay {
  HttpVectorReplayHmacIT() {
    super("hmac", 31);
  }
}
