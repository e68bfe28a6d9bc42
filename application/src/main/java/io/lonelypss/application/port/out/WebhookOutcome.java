package io.lonelypss.application.port.out;

import java.util.Objects;

/** What came back from one webhook POST: an HTTP answer, or no answer at all. */
public sealed interface WebhookOutcome permits WebhookOutcome.Answered, WebhookOutcome.NoAnswer {

  /** The subscriber answered with {@code status} and (the first bytes of) {@code body}. */
  record Answered(int status, byte[] body) implements WebhookOutcome {
    public Answered {
      Objects.requireNonNull(body, "body");
    }
  }

  /** Connection refused, timeout, reset, bad URL, oversized answer...: {@code reason} says. */
  record NoAnswer(String reason) implements WebhookOutcome {
    public NoAnswer {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
