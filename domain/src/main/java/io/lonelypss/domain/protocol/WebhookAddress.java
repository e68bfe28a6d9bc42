package io.lonelypss.domain.protocol;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Where one webhook POST goes and how its request line and {@code Host} header read, taken from a
 * subscriber URL as the subscriber spelled it (http.md 7.2, DECISIONS D8): the fragment is never
 * sent, the path and query go out exactly as written (non-ASCII characters, which cannot travel on
 * a request line, are UTF-8 percent-encoded), and {@code Host} is the URL's host with its port
 * unless that port is the scheme's default.
 *
 * @param secure whether to use TLS ({@code https})
 * @param connectHost the host to connect to (an IPv6 literal without brackets)
 * @param port the TCP port
 * @param hostHeader the {@code Host} header value
 * @param requestUri the request target: raw path (or {@code /}) and {@code ?query} if present
 *     <p>The same rules give {@link #signingUrl()}, the URL as a lonelypsc subscriber rebuilds it
 *     from the request it receives, which is what RECEIVE and MISSED signatures must cover.
 */
public record WebhookAddress(
    boolean secure, String connectHost, int port, String hostHeader, String requestUri) {

  /** Why a URL cannot be posted to. */
  public static final class InvalidWebhookAddressException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidWebhookAddressException(String message) {
      super(message);
    }
  }

  public static WebhookAddress parse(String url) throws InvalidWebhookAddressException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new InvalidWebhookAddressException("invalid url: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (scheme == null) {
      throw new InvalidWebhookAddressException("invalid url: no scheme");
    }
    boolean secure;
    if (scheme.equalsIgnoreCase("http")) {
      secure = false;
    } else if (scheme.equalsIgnoreCase("https")) {
      secure = true;
    } else {
      throw new InvalidWebhookAddressException("unsupported url scheme: " + scheme);
    }
    String authority = uri.isOpaque() ? null : uri.getRawAuthority();
    if (authority == null || authority.isEmpty()) {
      throw new InvalidWebhookAddressException("invalid url: no host");
    }
    // userinfo is never sent (aiohttp would turn it into Basic auth; RECEIVE carries its own)
    String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
    String host;
    String portText;
    if (hostAndPort.startsWith("[")) {
      int close = hostAndPort.indexOf(']');
      if (close < 0) {
        throw new InvalidWebhookAddressException("invalid url: unclosed IPv6 literal");
      }
      host = hostAndPort.substring(0, close + 1);
      String rest = hostAndPort.substring(close + 1);
      if (rest.isEmpty()) {
        portText = "";
      } else if (rest.charAt(0) == ':') {
        portText = rest.substring(1);
      } else {
        throw new InvalidWebhookAddressException("invalid url: bad authority");
      }
    } else {
      int colon = hostAndPort.lastIndexOf(':');
      host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
      portText = colon < 0 ? "" : hostAndPort.substring(colon + 1);
    }
    if (host.isEmpty() || host.equals("[]")) {
      throw new InvalidWebhookAddressException("invalid url: no host");
    }
    int defaultPort = secure ? 443 : 80;
    int port = portText.isEmpty() ? defaultPort : parsePort(portText);
    if (!isAscii(host)) {
      try {
        host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
      } catch (IllegalArgumentException e) {
        throw new InvalidWebhookAddressException("invalid url: bad host name");
      }
    }
    String hostHeader = port == defaultPort ? host : host + ":" + port;
    String connectHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    String path = uri.getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    String query = uri.getRawQuery();
    String requestUri = query == null ? path : path + "?" + query;
    return new WebhookAddress(
        secure, connectHost, port, hostHeader, percentEncodeNonAscii(requestUri));
  }

  /**
   * {@link #signingUrl()} of {@code url}, or {@code url} itself when it cannot be posted to (a
   * webhook to it fails anyway, so what it would have been signed with does not matter).
   */
  public static String signingUrlOf(String url) {
    try {
      return parse(url).signingUrl();
    } catch (InvalidWebhookAddressException e) {
      return url;
    }
  }

  /**
   * The URL as the receiving lonelypsc (Starlette) rebuilds it: {@code scheme://<Host header><path>
   * [?query]} with the path percent-decoded and no fragment (http.md 7.2, DECISIONS D8).
   */
  public String signingUrl() {
    int q = requestUri.indexOf('?');
    String path = q < 0 ? requestUri : requestUri.substring(0, q);
    String query = q < 0 ? "" : requestUri.substring(q);
    return (secure ? "https" : "http") + "://" + hostHeader + percentDecode(path) + query;
  }

  private static String percentDecode(String path) {
    if (path.indexOf('%') < 0) {
      return path;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%'
          && i + 2 < path.length()
          && Character.digit(path.charAt(i + 1), 16) >= 0
          && Character.digit(path.charAt(i + 2), 16) >= 0) {
        bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  private static int parsePort(String text) throws InvalidWebhookAddressException {
    if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidWebhookAddressException("invalid url: bad port");
    }
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw new InvalidWebhookAddressException("invalid url: port out of range");
    }
    return port;
  }

  private static boolean isAscii(String s) {
    return s.chars().allMatch(c -> c < 0x80);
  }

  private static String percentEncodeNonAscii(String s) {
    if (isAscii(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp < 0x80) {
        out.append((char) cp);
      } else {
        for (byte b : s.substring(i, next).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)));
          out.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
      }
      i = next;
    }
    return out.toString();
  }
}
