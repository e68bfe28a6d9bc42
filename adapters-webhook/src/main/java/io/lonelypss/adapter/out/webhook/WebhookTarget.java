package io.lonelypss.adapter.out.webhook;

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
 */
record WebhookTarget(
    boolean secure, String connectHost, int port, String hostHeader, String requestUri) {

  /** Why a URL cannot be posted to. */
  static final class InvalidTargetException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidTargetException(String message) {
      super(message);
    }
  }

  static WebhookTarget parse(String url) throws InvalidTargetException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new InvalidTargetException("invalid url: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (scheme == null) {
      throw new InvalidTargetException("invalid url: no scheme");
    }
    boolean secure;
    if (scheme.equalsIgnoreCase("http")) {
      secure = false;
    } else if (scheme.equalsIgnoreCase("https")) {
      secure = true;
    } else {
      throw new InvalidTargetException("unsupported url scheme: " + scheme);
    }
    String authority = uri.isOpaque() ? null : uri.getRawAuthority();
    if (authority == null || authority.isEmpty()) {
      throw new InvalidTargetException("invalid url: no host");
    }
    // userinfo is never sent (aiohttp would turn it into Basic auth; RECEIVE carries its own)
    String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
    String host;
    String portText;
    if (hostAndPort.startsWith("[")) {
      int close = hostAndPort.indexOf(']');
      if (close < 0) {
        throw new InvalidTargetException("invalid url: unclosed IPv6 literal");
      }
      host = hostAndPort.substring(0, close + 1);
      String rest = hostAndPort.substring(close + 1);
      if (rest.isEmpty()) {
        portText = "";
      } else if (rest.charAt(0) == ':') {
        portText = rest.substring(1);
      } else {
        throw new InvalidTargetException("invalid url: bad authority");
      }
    } else {
      int colon = hostAndPort.lastIndexOf(':');
      host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
      portText = colon < 0 ? "" : hostAndPort.substring(colon + 1);
    }
    if (host.isEmpty() || host.equals("[]")) {
      throw new InvalidTargetException("invalid url: no host");
    }
    int defaultPort = secure ? 443 : 80;
    int port = portText.isEmpty() ? defaultPort : parsePort(portText);
    if (!isAscii(host)) {
      try {
        host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
      } catch (IllegalArgumentException e) {
        throw new InvalidTargetException("invalid url: bad host name");
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
    return new WebhookTarget(
        secure, connectHost, port, hostHeader, percentEncodeNonAscii(requestUri));
  }

  private static int parsePort(String text) throws InvalidTargetException {
    if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidTargetException("invalid url: bad port");
    }
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw new InvalidTargetException("invalid url: port out of range");
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
