package io.sluice.jobs.window;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A set of 64-bit hashes in one open-addressing table: a window's event ids (for deduplication) or
 * its users (for distinct counts). One array a window, so the state store copies and writes a few
 * hundred arrays a batch instead of millions of rows; a lookup is one probe or a few, where the
 * sorted array this replaced took a binary search and a merge of the whole array every batch.
 *
 * <p>Spark deserializes every state row each batch to check its timeout, and a window touched in
 * a batch is read, grown and written whole. So the serialized form is the members alone, eight
 * bytes each, in one byte array that Java serialization copies in bulk; read back it stays those
 * bytes until the set is used. A member's slot comes from the high bits of its mixed hash, so the
 * table holds its members in order of those bits at any capacity: written out in table order, they
 * are read back into consecutive slots, without the cache misses of placing them at random.
 */
public final class HashSet64 implements Serializable {

  private static final long serialVersionUID = 3L;
  private static final int MIN_CAPACITY = 16;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Free slots hold 0; the hash 0 itself is kept in {@link #hasZero}. Null until first used after reading. */
  private transient long[] table;
  /** 64 minus log2 of the table's capacity: a slot is the top bits of a mixed hash. */
  private transient int shift;
  /** The members as read (packed longs), until the table is built from them. */
  private transient byte[] read;
  private transient boolean hasZero;
  private transient int size;

  public HashSet64() {
    allocate(MIN_CAPACITY);
  }

  public int size() {
    return size;
  }

  public boolean contains(long hash) {
    if (hash == 0) {
      return hasZero;
    }
    buildTable();
    int mask = table.length - 1;
    for (int i = slot(hash); ; i = (i + 1) & mask) {
      long member = table[i];
      if (member == hash) {
        return true;
      }
      if (member == 0) {
        return false;
      }
    }
  }

  /**
   * Adds {@code count} hashes of {@code candidates} (in any order, duplicates allowed) and returns
   * for each whether it was new, so the caller counts exactly the first sighting of each.
   */
  public boolean[] addAll(long[] candidates, int count) {
    boolean[] added = new boolean[count];
    for (int i = 0; i < count; i++) {
      added[i] = add(candidates[i]);
    }
    return added;
  }

  /** The members, in ascending order. */
  public long[] sorted() {
    long[] members = new long[size];
    int n = 0;
    if (hasZero) {
      members[n++] = 0;
    }
    if (table == null) {
      for (int offset = 0; offset < read.length; offset += Long.BYTES) {
        members[n++] = (long) LONGS.get(read, offset);
      }
    } else {
      for (long member : table) {
        if (member != 0) {
          members[n++] = member;
        }
      }
    }
    Arrays.sort(members);
    return members;
  }

  /** Adds one hash; true if it was new. */
  public boolean add(long hash) {
    buildTable();
    if (hash == 0) {
      if (hasZero) {
        return false;
      }
      hasZero = true;
      size++;
      return true;
    }
    int mask = table.length - 1;
    int i = slot(hash);
    while (table[i] != 0) {
      if (table[i] == hash) {
        return false;
      }
      i = (i + 1) & mask;
    }
    table[i] = hash;
    size++;
    if (size * 4L > table.length * 3L) {
      grow();
    }
    return true;
  }

  private void grow() {
    long[] old = table;
    allocate(old.length * 2);
    for (long member : old) {
      if (member != 0) {
        place(member);
      }
    }
  }

  private void allocate(int capacity) {
    table = new long[capacity];
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
  }

  /** Puts a member known to be absent (and not 0) into the table, which has room. */
  private void place(long member) {
    int mask = table.length - 1;
    int i = slot(member);
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = member;
  }

  private void buildTable() {
    if (table != null) {
      return;
    }
    int members = read.length / Long.BYTES;
    int capacity = MIN_CAPACITY;
    // Room for the window to double before it has to grow.
    while (capacity * 3L < members * 8L) {
      capacity *= 2;
    }
    allocate(capacity);
    for (int offset = 0; offset < read.length; offset += Long.BYTES) {
      place((long) LONGS.get(read, offset));
    }
    read = null;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.writeBoolean(hasZero);
    if (table == null) {
      out.writeObject(read);
      return;
    }
    byte[] members = new byte[(hasZero ? size - 1 : size) * Long.BYTES];
    // Every slot is stored and only members advance: no branch to mispredict on half-full slots.
    // The last member ends the loop, so a free slot is never stored past the end.
    int offset = 0;
    for (int i = 0; offset < members.length; i++) {
      long member = table[i];
      LONGS.set(members, offset, member);
      offset += member != 0 ? Long.BYTES : 0;
    }
    out.writeObject(members);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    hasZero = in.readBoolean();
    read = (byte[]) in.readObject();
    size = read.length / Long.BYTES + (hasZero ? 1 : 0);
  }

  /** Members are hashes already, but of strings that may share prefixes: mix, then take the top bits. */
  private int slot(long hash) {
    return (int) ((hash * 0x9E3779B97F4A7C15L) >>> shift);
  }
}
