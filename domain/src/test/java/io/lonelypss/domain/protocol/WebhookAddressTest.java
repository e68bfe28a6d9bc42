package io.lonelypss.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookAddressTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # url                                    | secure | connect host | port  | Host header        | request target
          http://127.0.0.1:3902/v1/receive         | false  | 127.0.0.1    | 3902  | 127.0.0.1:3902     | /v1/receive
          http://127.0.0.1:3902/v1/receive#second  | false  | 127.0.0.1    | 3902  | 127.0.0.1:3902     | /v1/receive
          http://example.com/a?b=1&c=%20d#frag     | false  | example.com  | 80    | example.com        | /a?b=1&c=%20d
          http://example.com:80/a                  | false  | example.com  | 80    | example.com        | /a
          http://example.com:/a                    | false  | example.com  | 80    | example.com        | /a
          http://example.com:443/a                 | false  | example.com  | 443   | example.com:443    | /a
          https://example.com:443/a                | true   | example.com  | 443   | example.com        | /a
          https://example.com/a                    | true   | example.com  | 443   | example.com        | /a
          https://example.com:8443/a               | true   | example.com  | 8443  | example.com:8443   | /a
          HTTP://Example.COM/A%2Fb                 | false  | Example.COM  | 80    | Example.COM        | /A%2Fb
          http://example.com                       | false  | example.com  | 80    | example.com        | /
          http://example.com?x=1                   | false  | example.com  | 80    | example.com        | /?x=1
          http://example.com/p?                    | false  | example.com  | 80    | example.com        | /p?
          http://user:secret@example.com:81/p      | false  | example.com  | 81    | example.com:81     | /p
          http://[::1]:8080/v1/receive             | false  | ::1          | 8080  | [::1]:8080         | /v1/receive
          http://[::1]/v1/receive                  | false  | ::1          | 80    | [::1]              | /v1/receive
          http://my_service:3902/v1/receive        | false  | my_service   | 3902  | my_service:3902    | /v1/receive
          http://example.com/caf\u00e9?q=\u00e9    | false  | example.com  | 80    | example.com        | /caf%C3%A9?q=%C3%A9
          """)
  void takesTheRequestLineAndHostFromTheUrlAsWritten(
      String url,
      boolean secure,
      String connectHost,
      int port,
      String hostHeader,
      String requestUri)
      throws Exception {
    WebhookAddress target = WebhookAddress.parse(url);

    assertEquals(
        new WebhookAddress(secure, connectHost, port, hostHeader, requestUri), target, url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://127.0.0.1/x",
        "ws://127.0.0.1/x",
        "mailto:someone@example.com",
        "/v1/receive",
        "not a url",
        "http://exa mple.com/",
        "http:///v1/receive",
        "http://:80/v1/receive",
        "http://example.com:99999/",
        "http://example.com:0/",
        "http://example.com:8o/",
        "http://[::1/",
        "http://[::1]x/",
        ""
      })
  void rejectsUrlsItCannotPostTo(String url) {
    WebhookAddress.InvalidWebhookAddressException e =
        assertThrows(
            WebhookAddress.InvalidWebhookAddressException.class, () -> WebhookAddress.parse(url));
    assertTrue(
        e.getMessage().startsWith("invalid url") || e.getMessage().startsWith("unsupported"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # stored url                              | as a lonelypsc subscriber rebuilds it
          http://127.0.0.1:3902/v1/receive          | http://127.0.0.1:3902/v1/receive
          http://127.0.0.1:3902/v1/receive#uid=frag | http://127.0.0.1:3902/v1/receive
          http://example.com:80/v1/receive          | http://example.com/v1/receive
          https://example.com:443/a?x=%20y#f        | https://example.com/a?x=%20y
          HTTP://Example.COM/a%20b/c%2Fd            | http://Example.COM/a b/c/d
          http://example.com                        | http://example.com/
          http://user:pw@example.com:81/p           | http://example.com:81/p
          http://example.com/caf%C3%A9              | http://example.com/café
          """)
  void signingUrlIsTheUrlAsTheSubscriberRebuildsIt(String stored, String rebuilt) throws Exception {
    assertEquals(rebuilt, WebhookAddress.parse(stored).signingUrl());
  }
}
