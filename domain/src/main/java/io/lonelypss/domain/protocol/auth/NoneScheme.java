package io.lonelypss.domain.protocol.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Scheme {@code none} (http.md 8.2): sends nothing and accepts everything. */
public final class NoneScheme implements AuthScheme {

  @Override
  public Optional<String> authorize(SignedFields fields, Instant now) {
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(now, "now");
    return Optional.empty();
  }

  @Override
  public Verification verify(Optional<String> authorization, SignedFields fields, Instant now) {
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(now, "now");
    return Verification.ok();
  }

  @Override
  public String toString() {
    return "NoneScheme";
  }
}
