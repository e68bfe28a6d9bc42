package io.lonelypss.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A glob pattern with SQLite {@code GLOB} semantics (DECISIONS D1): {@code *} matches any run of
 * characters, {@code ?} exactly one code point, {@code [...]} one code point from a set ({@code ^}
 * first negates, {@code ]} first is literal, {@code a-z} ranges, {@code -} first or last is
 * literal), no escape character, case-sensitive, whole-string. An unterminated {@code [} makes the
 * pattern match nothing. Only topics that are well-formed UTF-8 can match, and the whole topic is
 * matched (a NUL byte does not end it).
 *
 * <p>The pattern is compiled once; matching runs in O(pattern × topic) at worst (single
 * backtracking point), never exponentially.
 */
public final class GlobPattern implements Interest, Comparable<GlobPattern> {
  public static final int MAX_UTF8_LENGTH = 65535;

  private final String pattern;
  private final byte[] utf8;
  private final Token[] tokens; // null when the pattern can never match

  private GlobPattern(String pattern, byte[] utf8) {
    if (utf8.length > MAX_UTF8_LENGTH) {
      throw new InvalidValueException("glob longer than " + MAX_UTF8_LENGTH + " bytes");
    }
    this.pattern = pattern;
    this.utf8 = utf8;
    this.tokens = compile(pattern.codePoints().toArray());
  }

  public static GlobPattern of(String pattern) {
    return new GlobPattern(pattern, Utf8.encode(pattern));
  }

  /** Parses a glob from its wire form; it must be well-formed UTF-8. */
  public static GlobPattern fromUtf8(byte[] bytes) {
    String text =
        Utf8.decode(bytes).orElseThrow(() -> new InvalidValueException("glob is not UTF-8"));
    return new GlobPattern(text, bytes.clone());
  }

  public String pattern() {
    return pattern;
  }

  public byte[] utf8() {
    return utf8.clone();
  }

  @Override
  public byte[] wireBytes() {
    return utf8();
  }

  @Override
  public boolean matches(Topic topic) {
    if (tokens == null) {
      return false;
    }
    Optional<String> text = topic.utf8();
    return text.isPresent() && matchCodePoints(text.get().codePoints().toArray());
  }

  private boolean matchCodePoints(int[] s) {
    int ti = 0;
    int si = 0;
    int starTi = -1;
    int starSi = -1;
    while (si < s.length) {
      if (ti < tokens.length && tokens[ti] instanceof Star) {
        starTi = ti++;
        starSi = si;
      } else if (ti < tokens.length && tokens[ti].accepts(s[si])) {
        ti++;
        si++;
      } else if (starTi >= 0) {
        ti = starTi + 1;
        si = ++starSi;
      } else {
        return false;
      }
    }
    while (ti < tokens.length && tokens[ti] instanceof Star) {
      ti++;
    }
    return ti == tokens.length;
  }

  private static Token[] compile(int[] p) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < p.length) {
      int c = p[i];
      if (c == '*') {
        if (out.isEmpty() || !(out.get(out.size() - 1) instanceof Star)) {
          out.add(new Star());
        }
        i++;
      } else if (c == '?') {
        out.add(new AnyOne());
        i++;
      } else if (c == '[') {
        i++;
        boolean invert = false;
        List<int[]> ranges = new ArrayList<>();
        if (i < p.length && p[i] == '^') {
          invert = true;
          i++;
        }
        if (i < p.length && p[i] == ']') {
          ranges.add(new int[] {']', ']'});
          i++;
        }
        int prior = 0;
        while (i < p.length && p[i] != ']') {
          if (p[i] == '-' && i + 1 < p.length && p[i + 1] != ']' && prior > 0) {
            ranges.add(new int[] {prior, p[i + 1]});
            prior = 0;
            i += 2;
          } else {
            ranges.add(new int[] {p[i], p[i]});
            prior = p[i];
            i++;
          }
        }
        if (i >= p.length) {
          return null; // unterminated set: SQLite matches nothing
        }
        i++; // the closing ']'
        out.add(new CharSet(ranges.toArray(new int[0][]), invert));
      } else {
        out.add(new Literal(c));
        i++;
      }
    }
    return out.toArray(new Token[0]);
  }

  private sealed interface Token permits Star, AnyOne, Literal, CharSet {
    boolean accepts(int codePoint);
  }

  private record Star() implements Token {
    @Override
    public boolean accepts(int codePoint) {
      return false;
    }
  }

  private record AnyOne() implements Token {
    @Override
    public boolean accepts(int codePoint) {
      return true;
    }
  }

  private record Literal(int value) implements Token {
    @Override
    public boolean accepts(int codePoint) {
      return codePoint == value;
    }
  }

  private record CharSet(int[][] ranges, boolean invert) implements Token {
    @Override
    public boolean accepts(int codePoint) {
      boolean seen = false;
      for (int[] r : ranges) {
        if (codePoint >= r[0] && codePoint <= r[1]) {
          seen = true;
          break;
        }
      }
      return seen != invert;
    }
  }

  @Override
  public int compareTo(GlobPattern other) {
    return Arrays.compareUnsigned(utf8, other.utf8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GlobPattern other && pattern.equals(other.pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
