package io.sluice.jobs;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Predicate;

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

  /** The elements of {@code source} that {@code keep} accepts. */
  public static <A> Iterator<A> filter(Iterator<A> source, Predicate<A> keep) {
    return mapDroppingNulls(source, a -> keep.test(a) ? a : null, () -> { });
  }

  /** The elements of each of {@code parts} in turn, each part read only when the one before is exhausted. */
  public static <A> Iterator<A> concat(Iterator<Iterator<A>> parts) {
    return new Iterator<>() {
      private Iterator<A> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && parts.hasNext()) {
          current = parts.next();
        }
        return current.hasNext();
      }

      @Override
      public A next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }
}
