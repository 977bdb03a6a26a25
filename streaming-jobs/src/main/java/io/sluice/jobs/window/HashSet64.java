package io.sluice.jobs.window;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * A set of 64-bit hashes in one open-addressing table: a window's event ids (for deduplication) or
 * its users (for distinct counts). One array a window, so the state store copies and writes a few
 * hundred arrays a batch instead of millions of rows; a lookup is one probe or a few, where the
 * sorted array this replaced took a binary search and a merge of the whole array every batch.
 * The table is at most three quarters full in memory; serialized (into the state store, every
 * batch for every window it touched) it is its members alone, eight bytes each, and read back it
 * stays an array until it is used.
 */
public final class HashSet64 implements Serializable {

  private static final long serialVersionUID = 2L;
  private static final int MIN_CAPACITY = 16;

  /** Free slots hold 0; the hash 0 itself is kept in {@link #hasZero}. Null until first used after reading. */
  private transient long[] table = new long[MIN_CAPACITY];
  /**
   * The members as read, until the table is built from them. Spark deserializes every state row each
   * batch to check its timeout; most are not touched, and so never pay for a table.
   */
  private transient long[] read;
  private transient boolean hasZero;
  private transient int size;

  public int size() {
    return size;
  }

  public boolean contains(long hash) {
    if (hash == 0) {
      return hasZero;
    }
    buildTable();
    int mask = table.length - 1;
    for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
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
    buildTable();
    boolean[] added = new boolean[count];
    for (int i = 0; i < count; i++) {
      added[i] = add(candidates[i]);
    }
    return added;
  }

  private boolean add(long hash) {
    if (hash == 0) {
      if (hasZero) {
        return false;
      }
      hasZero = true;
      size++;
      return true;
    }
    int mask = table.length - 1;
    int i = slot(hash, mask);
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
    table = new long[old.length * 2];
    for (long member : old) {
      if (member != 0) {
        place(member);
      }
    }
  }

  /** Puts a member known to be absent (and not 0) into the table, which has room. */
  private void place(long member) {
    int mask = table.length - 1;
    int i = slot(member, mask);
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = member;
  }

  private void buildTable() {
    if (table != null) {
      return;
    }
    int capacity = MIN_CAPACITY;
    // Room for the window to double before it has to grow.
    while (capacity * 3L < read.length * 8L) {
      capacity *= 2;
    }
    table = new long[capacity];
    for (long member : read) {
      place(member);
    }
    read = null;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.writeBoolean(hasZero);
    if (table == null) {
      out.writeObject(read);
      return;
    }
    long[] members = new long[hasZero ? size - 1 : size];
    int n = 0;
    for (long member : table) {
      if (member != 0) {
        members[n++] = member;
      }
    }
    out.writeObject(members);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    hasZero = in.readBoolean();
    read = (long[]) in.readObject();
    size = read.length + (hasZero ? 1 : 0);
  }

  /** Members are hashes already, but of strings that may share prefixes: mix before masking. */
  private static int slot(long hash, int mask) {
    long mixed = hash * 0x9E3779B97F4A7C15L;
    return (int) (mixed ^ (mixed >>> 32)) & mask;
  }
}
