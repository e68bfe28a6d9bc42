package io.lonelypss.bootstrap;

import io.lonelypss.domain.Sha512Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;

/**
 * A deterministic message of any length, generated on the fly and never held whole: one random 1
 * MiB block (from a seed) is made once, and every 4 KiB page of the message is that block's page
 * with its absolute page number, scrambled, mixed into its first 8 bytes. So no two pages are
 * alike: a lost, repeated or reordered chunk changes the digest.
 */
final class GeneratedMessage {
  static final int BLOCK_SIZE = 1 << 20;
  private static final int PAGE_SIZE = 4096;

  /** Receives the message block by block; the array is reused, so it must not be kept. */
  @FunctionalInterface
  interface BlockSink {
    void accept(byte[] block, int length) throws IOException;
  }

  private final long length;
  private final byte[] base = new byte[BLOCK_SIZE];

  GeneratedMessage(long length, long seed) {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative");
    }
    this.length = length;
    new Random(seed).nextBytes(base);
  }

  long length() {
    return length;
  }

  /** The SHA-512 of the whole message (one pass over it). */
  Sha512Digest sha512() throws IOException {
    MessageDigest md = Sha512Digest.newHasher();
    forEachBlock((block, n) -> md.update(block, 0, n));
    return Sha512Digest.finish(md);
  }

  /** Writes the whole message to {@code out}. */
  void writeTo(OutputStream out) throws IOException {
    forEachBlock((block, n) -> out.write(block, 0, n));
  }

  /** Hands the message to {@code sink} in order, in blocks of at most {@link #BLOCK_SIZE}. */
  void forEachBlock(BlockSink sink) throws IOException {
    byte[] block = new byte[BLOCK_SIZE];
    ByteBuffer view = ByteBuffer.wrap(block);
    long blocks = (length + BLOCK_SIZE - 1) / BLOCK_SIZE;
    for (long i = 0; i < blocks; i++) {
      System.arraycopy(base, 0, block, 0, BLOCK_SIZE);
      long firstPage = i * (BLOCK_SIZE / PAGE_SIZE);
      for (int p = 0; p < BLOCK_SIZE; p += PAGE_SIZE) {
        view.putLong(p, view.getLong(p) ^ scramble(firstPage + p / PAGE_SIZE));
      }
      sink.accept(block, (int) Math.min(BLOCK_SIZE, length - i * BLOCK_SIZE));
    }
  }

  /** The SplitMix64 finaliser: neighbouring page numbers give unrelated stamps. */
  private static long scramble(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
