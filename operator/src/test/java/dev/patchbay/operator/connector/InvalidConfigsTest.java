package dev.patchbay.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.connect.ConnectRestException;
import dev.patchbay.operator.connect.FakeConnectClient;
import dev.patchbay.operator.connect.ValidationResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a refused POST/PUT means an invalid config rather than a Connect in trouble. */
class InvalidConfigsTest {

  private static final String CLASS = "io.debezium.connector.postgresql.PostgresConnector";
  private static final Map<String, String> CONFIG = Map.of("database.password", "wrong");
  private final FakeConnectClient connect = new FakeConnectClient();

  @Test
  void aServerErrorIsAnInvalidConfigWhenValidateNamesFields() {
    // Connect 4.3 answers a create whose Debezium config cannot connect with a 500 (a null pointer in its own
    // validation code); validate names the field
    ConnectRestException e = new ConnectRestException(500,
        "Cannot invoke \"org.apache.kafka.connect.runtime.rest.entities.ConfigValueInfo.errors()\" because ...");
    connect.validation = new ValidationResult(1, List.of(new ValidationResult.FieldError("database.hostname",
        List.of("Error while validating connector config: password authentication failed"))), Set.of());
    InvalidConfigs.Rejection rejection = InvalidConfigs.rejection(e, connect, CLASS, CONFIG).orElseThrow();
    assertThat(InvalidConfigs.describe(connect, CLASS, CONFIG, List.of("wrong"), rejection))
        .isEqualTo("invalid config: database.hostname: Error while validating connector config: password "
            + "authentication failed");
    assertThat(connect.validateCalls).as("asked once, to decide; the message reuses the answer").hasValue(1);
  }

  @Test
  void aServerErrorIsTransientWhenValidateFindsNothingOrFailsToo() {
    ConnectRestException e = new ConnectRestException(500, "Request timed out");
    connect.validation = new ValidationResult(0, List.of(), Set.of());
    assertThat(InvalidConfigs.rejection(e, connect, CLASS, CONFIG)).isEmpty();
    connect.down = true; // validate fails as well: not known to be invalid
    assertThat(InvalidConfigs.rejection(new ConnectRestException(503, "unavailable"), connect, CLASS, CONFIG))
        .isEmpty();
  }

  @Test
  void aConflictIsNeverAskedAbout() {
    assertThat(InvalidConfigs.rejection(new ConnectRestException(409, "rebalance"), connect, CLASS, CONFIG))
        .isEmpty();
  }
}
