package io.lonelypss.domain;

/**
 * Where webhooks go: a URL as the subscriber spelled it (any fragment included), at most 65535
 * UTF-8 bytes. It is compared and stored exactly as given.
 */
public record SubscriberUrl(String value) implements Comparable<SubscriberUrl> {
  public static final int MAX_UTF8_LENGTH = 65535;

  public SubscriberUrl {
    if (value == null) {
      throw new InvalidValueException("url is required");
    }
    if (Utf8.encode(value).length > MAX_UTF8_LENGTH) {
      throw new InvalidValueException("url longer than " + MAX_UTF8_LENGTH + " bytes");
    }
  }

  public byte[] utf8() {
    return Utf8.encode(value);
  }

  @Override
  public int compareTo(SubscriberUrl other) {
    return java.util.Arrays.compareUnsigned(utf8(), other.utf8());
  }

  @Override
  public String toString() {
    return value;
  }
}
