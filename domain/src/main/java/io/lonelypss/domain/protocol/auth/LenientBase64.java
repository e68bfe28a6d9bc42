package io.lonelypss.domain.protocol.auth;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Base64 decoding with the exact leniency of Python's {@code base64.b64decode} / {@code
 * urlsafe_b64decode} in their default, non-validating mode (CPython's {@code binascii.a2b_base64}),
 * which the reference uses for hmac codes and secrets: characters outside the alphabet are skipped,
 * {@code =} before the second character of a quantum is skipped, a quantum closed by enough {@code
 * =} ends the input (the rest is ignored), and input that ends inside a quantum is an error.
 * Callers append {@code "=="} first, as the reference does.
 */
final class LenientBase64 {
  private static final int[] STANDARD = new int[128];

  static {
    Arrays.fill(STANDARD, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      STANDARD[alphabet.charAt(i)] = i;
    }
  }

  private LenientBase64() {}

  /** As {@code base64.b64decode(text)}; empty where Python raises. */
  static Optional<byte[]> decodeStandard(String text) {
    return decode(text, false);
  }

  /**
   * As {@code base64.urlsafe_b64decode(text)}: {@code -} and {@code _} are read as {@code +} and
   * {@code /} (which stay valid too); empty where Python raises.
   */
  static Optional<byte[]> decodeUrlSafe(String text) {
    return decode(text, true);
  }

  private static Optional<byte[]> decode(String text, boolean urlSafe) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return Optional.empty(); // Python: a str argument must be ASCII
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 4 * 3 + 3);
    int quadPos = 0;
    int leftChar = 0;
    int pads = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (urlSafe && ch == '-') {
        ch = '+';
      } else if (urlSafe && ch == '_') {
        ch = '/';
      }
      if (ch == '=') {
        if (quadPos >= 2 && quadPos + ++pads >= 4) {
          return Optional.of(out.toByteArray());
        }
        continue;
      }
      int v = STANDARD[ch];
      if (v < 0) {
        continue;
      }
      pads = 0;
      switch (quadPos) {
        case 0 -> {
          quadPos = 1;
          leftChar = v;
        }
        case 1 -> {
          quadPos = 2;
          out.write((leftChar << 2) | (v >> 4));
          leftChar = v & 0x0f;
        }
        case 2 -> {
          quadPos = 3;
          out.write((leftChar << 4) | (v >> 2));
          leftChar = v & 0x03;
        }
        default -> {
          quadPos = 0;
          out.write((leftChar << 6) | v);
          leftChar = 0;
        }
      }
    }
    return quadPos == 0 ? Optional.of(out.toByteArray()) : Optional.empty();
  }
}
