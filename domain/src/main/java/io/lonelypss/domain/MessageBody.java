package io.lonelypss.domain;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The payload of a message, already received and verified: either small enough to hold in memory,
 * or spooled to a file. Whoever created a spooled body deletes its file when the message is done.
 */
public sealed interface MessageBody permits MessageBody.InMemory, MessageBody.Spooled {
  long length();

  /** A body held in memory. */
  final class InMemory implements MessageBody {
    private final byte[] bytes;

    public InMemory(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    public byte[] bytes() {
      return bytes.clone();
    }

    /** A read-only view of the bytes, without copying. */
    public java.nio.ByteBuffer buffer() {
      return java.nio.ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    @Override
    public long length() {
      return bytes.length;
    }
  }

  /** A body spooled to {@code file}, exactly {@code length} bytes long. */
  record Spooled(Path file, long length) implements MessageBody {
    public Spooled {
      Objects.requireNonNull(file, "file");
      if (length < 0) {
        throw new InvalidValueException("negative length");
      }
    }
  }
}
