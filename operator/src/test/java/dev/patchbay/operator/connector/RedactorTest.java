package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void valuesAndQuotedInvalidValuesAreHidden() {
    String message = "Invalid value hunter22 for configuration x: bad; password hunter22 leaked";
    assertThat(Redactor.redact(message, List.of("hunter22", "1", "true")))
        .isEqualTo("Invalid value for configuration x: bad; password [hidden] leaked");
  }

  @Test
  void numbersAndBooleansAreNotHiddenSoTracesStayReadable() {
    assertThat(Redactor.redact("at Foo.java:1000", List.of("1000", "true"))).isEqualTo("at Foo.java:1000");
  }

  @Test
  void firstLineIsShortened() {
    assertThat(Redactor.firstLine("a\nb", 10)).isEqualTo("a");
    assertThat(Redactor.firstLine("abcdefghijkl", 5)).isEqualTo("abcd…");
  }
}
