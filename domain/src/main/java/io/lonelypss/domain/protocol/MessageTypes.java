package io.lonelypss.domain.protocol;

/** The {@code u16} type codes that open response and answer bodies (http.md section 2). */
public final class MessageTypes {
  /** Broadcaster's answer to subscribe, unsubscribe and set_subscriptions. */
  public static final int RESPONSE_GENERIC = 3;

  /** Broadcaster's answer to notify. */
  public static final int RESPONSE_NOTIFY = 4;

  /** Broadcaster's answer to check_subscriptions. */
  public static final int RESPONSE_CHECK_SUBSCRIPTIONS = 5;

  /** Subscriber's answer to RECEIVE. */
  public static final int RESPONSE_CONFIRM_RECEIVE = 8;

  /** Subscriber's answer to MISSED. */
  public static final int RESPONSE_CONFIRM_MISSED = 9;

  /** Subscriber's request to drop the subscription. */
  public static final int RESPONSE_UNSUBSCRIBE_IMMEDIATE = 10;

  private MessageTypes() {}
}
