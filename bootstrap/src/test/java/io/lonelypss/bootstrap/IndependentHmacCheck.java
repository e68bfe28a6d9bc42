package io.lonelypss.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the {@code Authorization} header of a RECEIVE webhook the way a lonelypsc subscriber
 * does, written from http.md 6.1, 7.2 and 8.4 alone: it shares no code with the broadcaster (no
 * {@code HmacScheme}, {@code SignedFields}, {@code WireWriter} or codec), so a mistake made once in
 * the domain's auth code cannot hide itself here.
 */
final class IndependentHmacCheck {
  /** The verdict, with the reason when refused. */
  record Verdict(boolean accepted, String reason) {
    static Verdict ok() {
      return new Verdict(true, "ok");
    }

    static Verdict refused(String reason) {
      return new Verdict(false, reason);
    }
  }

  /** RECEIVE's auth message type (http.md 8.4). */
  private static final int RECEIVE = 10;

  private static final long TOKEN_LIFETIME_SECONDS = 120;

  private final byte[] key;

  /**
   * @param storedSecret the {@code secret} string of the {@code to-subscriber} entry of a secrets
   *     file: URL-safe base64 without padding of 64 bytes
   */
  IndependentHmacCheck(String storedSecret) {
    byte[] decoded = Base64.getUrlDecoder().decode(storedSecret + "==");
    if (decoded.length != 64) {
      throw new IllegalArgumentException("an hmac secret decodes to 64 bytes");
    }
    this.key = decoded;
  }

  /**
   * Checks one RECEIVE as it arrived.
   *
   * @param authorization the {@code Authorization} header, {@code null} when absent
   * @param host the {@code Host} header
   * @param path the request path (the URL is rebuilt as {@code http://<host><path>}, http.md 7.2)
   * @param reprDigest the {@code Repr-Digest} header
   * @param body the whole request body
   * @param now the subscriber's clock
   */
  Verdict receive(
      String authorization, String host, String path, String reprDigest, byte[] body, Instant now) {
    if (authorization == null) {
      return Verdict.refused("no Authorization header");
    }
    if (reprDigest == null || !reprDigest.startsWith("sha-512=")) {
      return Verdict.refused("no sha-512 Repr-Digest: " + reprDigest);
    }
    byte[] digest;
    try {
      digest = Base64.getDecoder().decode(reprDigest.substring("sha-512=".length()));
    } catch (IllegalArgumentException e) {
      return Verdict.refused("Repr-Digest is not base64: " + reprDigest);
    }
    if (digest.length != 64) {
      return Verdict.refused("Repr-Digest is not 64 bytes");
    }

    // body: lp16 tracing, lp16 topic, lp8 identifier, u64 length, message
    byte[] tracing;
    byte[] topic;
    byte[] identifier;
    byte[] message;
    try {
      ByteBuffer in = ByteBuffer.wrap(body);
      tracing = take(in, Short.toUnsignedInt(in.getShort()));
      topic = take(in, Short.toUnsignedInt(in.getShort()));
      identifier = take(in, Byte.toUnsignedInt(in.get()));
      long length = in.getLong();
      if (length != in.remaining()) {
        return Verdict.refused("declared " + length + " bytes, got " + in.remaining());
      }
      message = take(in, in.remaining());
    } catch (BufferUnderflowException e) {
      return Verdict.refused("short RECEIVE body");
    }
    if (!MessageDigest.isEqual(sha512(message), digest)) {
      return Verdict.refused("message does not match its Repr-Digest");
    }

    // X-HMAC <timestamp>:<nonce>:<code>
    String prefix = "X-HMAC ";
    if (!authorization.startsWith(prefix)) {
      return Verdict.refused("not X-HMAC: " + authorization);
    }
    String rest = authorization.substring(prefix.length());
    int first = rest.indexOf(':');
    int second = first < 0 ? -1 : rest.indexOf(':', first + 1);
    if (second < 0) {
      return Verdict.refused("not timestamp:nonce:code: " + authorization);
    }
    String timestampText = rest.substring(0, first);
    String nonce = rest.substring(first + 1, second);
    String codeText = rest.substring(second + 1);
    if (!timestampText.matches("[0-9]{1,18}")) {
      return Verdict.refused("timestamp is not plain digits: " + timestampText);
    }
    long timestamp = Long.parseLong(timestampText);
    if (Math.abs(now.getEpochSecond() - timestamp) > TOKEN_LIFETIME_SECONDS) {
      return Verdict.refused("timestamp " + timestamp + " is too far from " + now);
    }
    byte[] nonceBytes = nonce.getBytes(StandardCharsets.UTF_8);
    if (nonceBytes.length > 255) {
      return Verdict.refused("nonce longer than 255 bytes");
    }
    if (codeText.length() != 88) {
      return Verdict.refused("code is not 88 characters of padded base64: " + codeText);
    }
    byte[] code;
    try {
      code = Base64.getDecoder().decode(codeText);
    } catch (IllegalArgumentException e) {
      return Verdict.refused("code is not standard base64: " + codeText);
    }

    String url = "http://" + host + path;
    ByteArrayOutputStream toSign = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(toSign)) {
      out.writeByte(RECEIVE);
      out.writeLong(timestamp);
      out.writeByte(nonceBytes.length);
      out.write(nonceBytes);
      lp16(out, tracing);
      lp16(out, url.getBytes(StandardCharsets.UTF_8));
      lp16(out, topic);
      out.writeByte(identifier.length);
      out.write(identifier);
      out.write(digest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return MessageDigest.isEqual(hmacSha512(toSign.toByteArray()), code)
        ? Verdict.ok()
        : Verdict.refused("code does not match HMAC-SHA512 over RECEIVE for url " + url);
  }

  private static byte[] take(ByteBuffer in, int n) {
    byte[] bytes = new byte[n];
    in.get(bytes);
    return bytes;
  }

  private static void lp16(DataOutputStream out, byte[] bytes) throws IOException {
    if (bytes.length > 0xffff) {
      throw new IllegalArgumentException("longer than an lp16 holds");
    }
    out.writeShort(bytes.length);
    out.write(bytes);
  }

  private byte[] hmacSha512(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(key, "HmacSHA512"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha512(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
