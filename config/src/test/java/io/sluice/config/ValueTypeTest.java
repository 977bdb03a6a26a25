package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypeTest {

  private final ValueType<List<Long>> longs = ValueType.listOf(ValueType.LONG);

  @Test
  void aListIsCommaSeparatedAndFormatsBackTheSameWay() {
    assertThat(longs.parse("10000, 25000,50000")).containsExactly(10_000L, 25_000L, 50_000L);
    assertThat(longs.format(List.of(1L, 2L))).isEqualTo("1,2");
    assertThat(longs.name()).isEqualTo("long[,...]");
  }

  @Test
  void aListNamesTheElementThatIsWrongAndRefusesEmptiness() {
    assertThatThrownBy(() -> longs.parse("1,x")).hasMessageContaining("not a valid long");
    assertThatThrownBy(() -> longs.parse(" , ")).hasMessageContaining("at least one long");
  }

  @Test
  void eachElementOfAListCanBeCheckedAgainstAForm() {
    Validator<List<String>> pairs = Validator.eachMatches("\\w+=.+", "name=value");
    pairs.ensureValid(List.of("a=1", "b=2"));
    assertThatThrownBy(() -> pairs.ensureValid(List.of("a=1", "b"))).hasMessage("'b' is not name=value");
    assertThat(pairs.describe()).isEqualTo("name=value[,...]");
  }
}
