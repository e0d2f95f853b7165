package io.brokervx.store.impl.protocol;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.codec.DecodeException;
import io.brokervx.codec.DecodeException.Kind;
import io.brokervx.codec.DecodeLimits;
import io.brokervx.data.Data;
import io.brokervx.data.DataType;
import io.brokervx.store.impl.protocol.StoreCommand.AckClone;
import io.brokervx.store.impl.protocol.StoreCommand.Add;
import io.brokervx.store.impl.protocol.StoreCommand.AttachWriter;
import io.brokervx.store.impl.protocol.StoreCommand.Clear;
import io.brokervx.store.impl.protocol.StoreCommand.CumulativeAck;
import io.brokervx.store.impl.protocol.StoreCommand.Erase;
import io.brokervx.store.impl.protocol.StoreCommand.Expire;
import io.brokervx.store.impl.protocol.StoreCommand.Keepalive;
import io.brokervx.store.impl.protocol.StoreCommand.Nack;
import io.brokervx.store.impl.protocol.StoreCommand.Put;
import io.brokervx.store.impl.protocol.StoreCommand.PutUnique;
import io.brokervx.store.impl.protocol.StoreCommand.PutUniqueResult;
import io.brokervx.store.impl.protocol.StoreCommand.RetransmitFailed;
import io.brokervx.store.impl.protocol.StoreCommand.Subtract;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads and writes {@link InternalCommand}s exactly as Broker's CAF binary serializer does (the payload of
 * a command envelope): {@code seq:u64 sender receiver variant:u8 fields}, where an entity is 16 endpoint
 * bytes and a u64 object id, an optional timespan is {@code 00} or {@code 01} and an i64 of nanoseconds,
 * lists and maps start with a LEB128 count, fixed-width numbers are big-endian and data values are binary
 * v1 ({@link BinaryFormat}).
 *
 * <p>Decoding is strict and bounded: truncation, an unknown variant or data type, a flag that is neither
 * 0 nor 1, a count larger than the bytes left or than {@link DecodeLimits#getMaxContainerSize()}, a
 * repeated snapshot key and left-over bytes all fail with a {@link DecodeException} whose offset counts
 * from the command's first byte.
 */
public final class InternalCommandCodec {
  /** Variant indexes Broker knows: 0 ({@code put}) to 13 ({@code retransmit_failed}). */
  public static final int VARIANTS = 14;
  private static final DecodeLimits DEFAULT_LIMITS = new DecodeLimits();

  private InternalCommandCodec() {
  }

  /** @return the wire bytes of {@code command} */
  public static Buffer encode(InternalCommand command) {
    Buffer out = Buffer.buffer(256); // header and entities take about 60 bytes: room for most values at once
    out.appendLong(command.seq());
    entity(out, command.sender());
    entity(out, command.receiver());
    StoreCommand content = command.content();
    out.appendByte((byte) content.variantIndex());
    if (content instanceof Put c) {
      expiry(data(data(out, c.key()), c.value()), c.expiry());
      entity(out, c.publisher());
    } else if (content instanceof PutUnique c) {
      expiry(data(data(out, c.key()), c.value()), c.expiry());
      entity(out, c.who()).appendLong(c.reqId());
      entity(out, c.publisher());
    } else if (content instanceof PutUniqueResult c) {
      out.appendByte((byte) (c.inserted() ? 1 : 0));
      entity(out, c.who()).appendLong(c.reqId());
      entity(out, c.publisher());
    } else if (content instanceof Erase c) {
      entity(data(out, c.key()), c.publisher());
    } else if (content instanceof Expire c) {
      entity(data(out, c.key()), c.publisher());
    } else if (content instanceof Add c) {
      data(data(out, c.key()), c.value()).appendByte((byte) c.initType().tag());
      expiry(out, c.expiry());
      entity(out, c.publisher());
    } else if (content instanceof Subtract c) {
      expiry(data(data(out, c.key()), c.value()), c.expiry());
      entity(out, c.publisher());
    } else if (content instanceof Clear c) {
      entity(out, c.publisher());
    } else if (content instanceof AttachWriter c) {
      out.appendLong(c.offset()).appendShort((short) c.heartbeatInterval());
    } else if (content instanceof Keepalive c) {
      out.appendLong(c.seq());
    } else if (content instanceof CumulativeAck c) {
      out.appendLong(c.seq());
    } else if (content instanceof Nack c) {
      varint(out, c.seqs().size());
      c.seqs().forEach(out::appendLong);
    } else if (content instanceof AckClone c) {
      out.appendLong(c.offset()).appendShort((short) c.heartbeatInterval());
      varint(out, c.state().size());
      c.state().forEach((k, v) -> data(data(out, k), v));
    } else {
      out.appendLong(((RetransmitFailed) content).seq());
    }
    return out;
  }

  /**
   * Decodes a buffer that holds exactly one command, with the default {@link DecodeLimits}.
   *
   * @throws DecodeException when it does not
   */
  public static InternalCommand decode(Buffer in) {
    byte[] bytes = in.getBytes();
    return decode(bytes, 0, bytes.length, DEFAULT_LIMITS);
  }

  /**
   * Decodes {@code in[from, to)}, which must hold exactly one command; data values are bounded by
   * {@code limits}, and so are the counts of a {@code nack} list and an {@code ack_clone} snapshot.
   *
   * @throws DecodeException when the bytes are not exactly one valid command
   */
  public static InternalCommand decode(byte[] in, int from, int to, DecodeLimits limits) {
    Reader r = new Reader(in, from, to, limits);
    long seq = r.u64("the sequence number");
    EntityId sender = r.entity("the sender");
    EntityId receiver = r.entity("the receiver");
    int variantAt = r.pos;
    int variant = r.u8("the variant index");
    StoreCommand content = switch (variant) {
      case 0 -> new Put(r.data(), r.data(), r.expiry(), r.entity("the publisher"));
      case 1 -> new PutUnique(r.data(), r.data(), r.expiry(), r.entity("who"), r.u64("req_id"),
          r.entity("the publisher"));
      case 2 -> new PutUniqueResult(r.flag("inserted"), r.entity("who"), r.u64("req_id"), r.entity("the publisher"));
      case 3 -> new Erase(r.data(), r.entity("the publisher"));
      case 4 -> new Expire(r.data(), r.entity("the publisher"));
      case 5 -> new Add(r.data(), r.data(), r.dataType(), r.expiry(), r.entity("the publisher"));
      case 6 -> new Subtract(r.data(), r.data(), r.expiry(), r.entity("the publisher"));
      case 7 -> new Clear(r.entity("the publisher"));
      case 8 -> new AttachWriter(r.u64("the offset"), r.u16("the heartbeat interval"));
      case 9 -> new Keepalive(r.u64("the keepalive seq"));
      case 10 -> new CumulativeAck(r.u64("the ack seq"));
      case 11 -> new Nack(r.seqs());
      case 12 -> new AckClone(r.u64("the offset"), r.u16("the heartbeat interval"), r.snapshot());
      case 13 -> new RetransmitFailed(r.u64("the retransmit_failed seq"));
      default -> throw r.error(Kind.UNKNOWN_TAG, variantAt, "unknown internal_command variant " + variant);
    };
    if (r.pos != to) {
      throw r.error(Kind.TRAILING_BYTES, r.pos, (to - r.pos) + " bytes left after the command");
    }
    return new InternalCommand(seq, sender, receiver, content);
  }

  private static Buffer entity(Buffer out, EntityId id) {
    return out.appendLong(id.endpoint().getMostSignificantBits()).appendLong(id.endpoint().getLeastSignificantBits())
        .appendLong(id.object());
  }

  private static Buffer data(Buffer out, Data value) {
    return BinaryFormat.encode(value, out);
  }

  private static void expiry(Buffer out, Duration expiry) {
    if (expiry == null) {
      out.appendByte((byte) 0);
    } else {
      out.appendByte((byte) 1).appendLong(expiry.toNanos());
    }
  }

  private static void varint(Buffer out, int n) {
    int v = n;
    while ((v & ~0x7f) != 0) {
      out.appendByte((byte) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.appendByte((byte) v);
  }

  /** A bounds-checked cursor over one command; every failure is a {@link DecodeException}. */
  private static final class Reader {
    private final byte[] in;
    private final int base;
    private final int end;
    private final DecodeLimits limits;
    private int pos;

    Reader(byte[] in, int from, int to, DecodeLimits limits) {
      if (from < 0 || from > to || to > in.length) {
        throw new IndexOutOfBoundsException("[" + from + ", " + to + ") is not inside " + in.length + " bytes");
      }
      this.in = in;
      this.base = from;
      this.pos = from;
      this.end = to;
      this.limits = limits;
    }

    DecodeException error(Kind kind, int at, String what) {
      return DecodeException.atOffset(kind, at - base, what);
    }

    private void need(int n, String what) {
      if (end - pos < n) {
        throw error(Kind.TRUNCATED, pos, "input ends inside " + what + " (" + n + " bytes needed, "
            + (end - pos) + " left)");
      }
    }

    int u8(String what) {
      need(1, what);
      return in[pos++] & 0xff;
    }

    int u16(String what) {
      need(2, what);
      int v = ((in[pos] & 0xff) << 8) | (in[pos + 1] & 0xff);
      pos += 2;
      return v;
    }

    long u64(String what) {
      need(8, what);
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (in[pos++] & 0xff);
      }
      return v;
    }

    boolean flag(String what) {
      int at = pos;
      int b = u8(what);
      if (b > 1) {
        throw error(Kind.INVALID_VALUE, at, what + " byte " + b + " is neither 0 nor 1");
      }
      return b == 1;
    }

    EntityId entity(String what) {
      need(24, what);
      return new EntityId(new UUID(u64(what), u64(what)), u64(what));
    }

    Data data() {
      BinaryFormat.Decoded d = BinaryFormat.decodeAt(in, base, pos, end, limits);
      pos = d.end();
      return d.value();
    }

    Duration expiry() {
      return flag("the expiry flag") ? Duration.ofNanos(u64("the expiry")) : null;
    }

    DataType dataType() {
      int at = pos;
      int tag = u8("init_type");
      DataType type = DataType.fromTag(tag);
      if (type == null) {
        throw error(Kind.UNKNOWN_TAG, at, "unknown init_type " + tag);
      }
      return type;
    }

    /** Reads a LEB128 count of items that take at least {@code minBytes} each, bounded by the limits. */
    int count(String what, int minBytes) {
      int at = pos;
      long n = 0;
      for (int shift = 0; ; shift += 7) {
        if (shift > 28) {
          throw error(Kind.BAD_LENGTH, at, "the count of " + what + " is not a 32-bit varint");
        }
        int b = u8("the count of " + what);
        n |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          break;
        }
      }
      if (n > limits.getMaxContainerSize()) {
        throw error(Kind.TOO_LARGE, at, "count " + n + " of " + what + " exceeds the limit "
            + limits.getMaxContainerSize());
      }
      if (n * minBytes > end - pos) {
        throw error(Kind.BAD_LENGTH, at, "count " + n + " of " + what + " runs past the end (" + (end - pos)
            + " bytes left)");
      }
      return (int) n;
    }

    List<Long> seqs() {
      int n = count("nack seqs", 8);
      List<Long> seqs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        seqs.add(u64("a nack seq"));
      }
      return seqs;
    }

    Map<Data, Data> snapshot() {
      int n = count("snapshot entries", 2);
      Map<Data, Data> state = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        int at = pos;
        Data key = data();
        if (state.put(key, data()) != null) {
          throw error(Kind.INVALID_VALUE, at, "snapshot key " + key + " appears twice");
        }
      }
      return state;
    }
  }
}
