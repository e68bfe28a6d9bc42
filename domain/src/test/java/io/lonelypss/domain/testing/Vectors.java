package io.lonelypss.domain.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Loads the protocol test vectors copied from {@code shared/protocol/vectors} into the test
 * resources ({@code /vectors/<file>} on the class path, shared through this module's test-jar).
 */
public final class Vectors {
  private Vectors() {}

  /** Every case of one vector file, as JSON objects in file order. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> load(String fileName) {
    String resource = "/vectors/" + fileName;
    try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return (List<Map<String, Object>>)
          Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes lower- or upper-case hex; {@code null} or "" gives an empty array. */
  public static byte[] hex(String hex) {
    return hex == null ? new byte[0] : HexFormat.of().parseHex(hex);
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** The named object field of {@code node}. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Map<String, Object> node, String key) {
    return (Map<String, Object>) node.get(key);
  }

  /** The named array field of {@code node}. */
  @SuppressWarnings("unchecked")
  public static List<Object> array(Map<String, Object> node, String key) {
    return (List<Object>) node.get(key);
  }
}
