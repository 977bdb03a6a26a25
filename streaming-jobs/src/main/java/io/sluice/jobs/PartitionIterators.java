package io.sluice.jobs;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Lazy per-partition steps: a partition's rows are read one at a time, never held all at once. */
public final class PartitionIterators {

  private PartitionIterators() {
  }

  /**
   * What {@code step} makes of each of {@code source}'s elements, leaving out the nulls (what the
   * step dropped); {@code atEnd} runs once, when the source is exhausted.
   */
  public static <A, B> Iterator<B> mapDroppingNulls(Iterator<A> source, Function<A, B> step, Runnable atEnd) {
    return new Iterator<>() {
      private B next;
      private boolean ended;

      @Override
      public boolean hasNext() {
        while (next == null && source.hasNext()) {
          next = step.apply(source.next());
        }
        if (next == null && !ended) {
          ended = true;
          atEnd.run();
        }
        return next != null;
      }

      @Override
      public B next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        B value = next;
        next = null;
        return value;
      }
    };
  }
}
