package dev.patchbay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {
  static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void producedValuesAreReadBackFromAllPartitions() {
    kafka.createTopic("roundtrip", 3);
    kafka.produce("roundtrip", "a", "b", "c", "d");

    assertThat(kafka.readValues("roundtrip", 4, Duration.ofSeconds(30))).containsExactlyInAnyOrder("a", "b", "c", "d");
    assertThat(kafka.bootstrapServers()).matches("(localhost|127\\.0\\.0\\.1):\\d+");
    assertThat(kafka.topics()).contains("roundtrip");
  }

  @Test
  void readingMoreThanWasWrittenFailsNamingWhatWasRead() {
    kafka.createTopic("short", 1);
    kafka.produce("short", "only");

    assertThatThrownBy(() -> kafka.readValues("short", 2, Duration.ofSeconds(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("read 1 of 2")
        .hasMessageContaining("only");
  }

  @Test
  void creatingAnExistingTopicIsANoOp() {
    kafka.createTopic("twice", 1);
    kafka.createTopic("twice", 1);
    assertThat(kafka.topics()).contains("twice");
  }
}
