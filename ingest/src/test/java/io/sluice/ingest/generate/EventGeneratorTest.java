package io.sluice.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.events.AdEvent;
import io.sluice.events.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {

  private static List<AdEvent> run(long seed, double outOfOrder, double duplicates, String mix, int n) {
    EventGenerator g = new EventGenerator(List.of("ad-1", "ad-2", "ad-3"), 100, 10, EventMix.parse(mix), outOfOrder,
        Duration.ofSeconds(5), duplicates, seed);
    List<AdEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.addAll(g.next(1_000_000L + i * 10L));
    }
    out.addAll(g.drain());
    return out;
  }

  @Test
  void theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
    assertThat(run(7, 0.1, 0.1, "view=1", 500)).isEqualTo(run(7, 0.1, 0.1, "view=1", 500))
        .isNotEqualTo(run(8, 0.1, 0.1, "view=1", 500));
  }

  @Test
  void duplicatesRepeatAnEarlierEventWholeAndOutOfOrderEventsStayWithinTheMaximumDelay() {
    List<AdEvent> events = run(1, 0.2, 0.1, "view=1,click=1", 10_000);
    Map<String, AdEvent> byId = new HashMap<>();
    int duplicates = 0;
    int late = 0;
    for (int i = 0; i < events.size(); i++) {
      AdEvent e = events.get(i);
      AdEvent first = byId.putIfAbsent(e.getEventId(), e);
      if (first != null) {
        duplicates++;
        assertThat(e).isEqualTo(first);
        continue;
      }
      long nominal = 1_000_000L + (byId.size() - 1) * 10L;
      long delay = nominal - e.getEventTime().toEpochMilli();
      assertThat(delay).isBetween(0L, 5_000L);
      late += delay > 0 ? 1 : 0;
    }
    assertThat(byId).hasSize(10_000);
    assertThat(duplicates).isBetween(850, 1150);
    assertThat(late).isBetween(1800, 2200);
  }

  @Test
  void theMixWeighsTheEventTypes() {
    List<AdEvent> events = run(3, 0, 0, "view=3,click=1,purchase=0", 8_000);
    long views = events.stream().filter(e -> e.getEventType() == EventType.view).count();
    long purchases = events.stream().filter(e -> e.getEventType() == EventType.purchase).count();
    assertThat(views).isBetween(5700L, 6300L);
    assertThat(purchases).isZero();
  }

  @Test
  void aBadMixIsExplained() {
    assertThatThrownBy(() -> EventMix.parse("view=1,like=2")).hasMessageContaining("'like' is not an event type");
    assertThatThrownBy(() -> EventMix.parse("view=0")).hasMessageContaining("at least one weight");
    assertThatThrownBy(() -> EventMix.parse("view")).hasMessageContaining("type=weight");
  }
}
