package dev.patchbay.operator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.operator.OperatorSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsFromEnvTest {

  @Test
  void emptyEnvironmentGivesTheDefaults() {
    OperatorSettings settings = OperatorSettings.fromEnv(Map.of());
    OperatorSettings defaults = OperatorSettings.defaults();
    assertThat(settings.watchNamespaces()).isEmpty();
    assertThat(settings.workerImage()).isEqualTo(defaults.workerImage());
    assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.leaderElection()).isFalse();
    assertThat(settings.mavenRepository()).isEqualTo("https://repo1.maven.org/maven2");
    assertThat(settings.restUrlRewriter().apply("http://x:8083")).isEqualTo("http://x:8083");

    ProcessSettings process = ProcessSettings.fromEnv(Map.of());
    assertThat(process.httpPort()).isEqualTo(8080);
    assertThat(process.logLevel()).isEqualTo("INFO");
    assertThat(process.logFormat()).isEqualTo("text");
    assertThat(process.identity()).isNull();
    assertThat(process.leaseNamespace()).isNull();
  }

  @Test
  void everyVariableIsRead() {
    ProcessSettings settings = ProcessSettings.fromEnv(Map.of(
        "WATCH_NAMESPACES", " data, team-a ,,",
        "PATCHBAY_WORKER_IMAGE", "registry.local/worker:1",
        "PATCHBAY_POLL_INTERVAL", "PT10S",
        "PATCHBAY_LEADER_ELECTION", "TRUE",
        "PATCHBAY_LOG_LEVEL", "debug",
        "PATCHBAY_LOG_FORMAT", "JSON",
        "PATCHBAY_HTTP_PORT", "9090",
        "POD_NAME", "patchbay-operator-7d9f-abc",
        "POD_NAMESPACE", "patchbay-system",
        "PATCHBAY_MAVEN_REPOSITORY", "https://nexus.corp.example/repository/maven-public/"));
    assertThat(settings.operator().watchNamespaces()).containsExactlyInAnyOrder("data", "team-a");
    assertThat(settings.operator().workerImage()).isEqualTo("registry.local/worker:1");
    assertThat(settings.operator().pollInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.operator().leaderElection()).isTrue();
    assertThat(settings.operator().mavenRepository()).isEqualTo("https://nexus.corp.example/repository/maven-public");
    assertThat(settings.logLevel()).isEqualTo("DEBUG");
    assertThat(settings.logFormat()).isEqualTo("json");
    assertThat(settings.httpPort()).isEqualTo(9090);
    assertThat(settings.identity()).isEqualTo("patchbay-operator-7d9f-abc");
    assertThat(settings.leaseNamespace()).isEqualTo("patchbay-system");
  }

  @ParameterizedTest
  @CsvSource({"30s, PT30S", "500ms, PT0.5S", "2m, PT2M", "1h, PT1H", "PT1M30S, PT1M30S", "pt5s, PT5S"})
  void pollIntervalTakesBothNotations(String value, String expected) {
    assertThat(OperatorSettings.fromEnv(Map.of("PATCHBAY_POLL_INTERVAL", value)).pollInterval())
        .isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({
      "PATCHBAY_POLL_INTERVAL, soon",
      "PATCHBAY_POLL_INTERVAL, 0s",
      "PATCHBAY_POLL_INTERVAL, -PT1S",
      "PATCHBAY_POLL_INTERVAL, 30",
      "PATCHBAY_LEADER_ELECTION, yes",
      "PATCHBAY_LOG_LEVEL, LOUD",
      "PATCHBAY_LOG_FORMAT, xml",
      "PATCHBAY_HTTP_PORT, 70000",
      "PATCHBAY_HTTP_PORT, http",
      "PATCHBAY_MAVEN_REPOSITORY, repo1.maven.org/maven2",
      "PATCHBAY_MAVEN_REPOSITORY, ftp://mirror/maven2",
      "PATCHBAY_MAVEN_REPOSITORY, https://"})
  void badValueIsRejectedNamingTheVariable(String variable, String value) {
    assertThatThrownBy(() -> ProcessSettings.fromEnv(Map.of(variable, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(variable + "=" + value + " is not valid: expected ");
  }

  @Test
  void blankVariablesCountAsUnset() {
    OperatorSettings settings = OperatorSettings.fromEnv(Map.of("WATCH_NAMESPACES", " ",
        "PATCHBAY_POLL_INTERVAL", "", "PATCHBAY_WORKER_IMAGE", " "));
    assertThat(settings.watchNamespaces()).isEmpty();
    assertThat(settings.pollInterval()).isEqualTo(OperatorSettings.DEFAULT_POLL_INTERVAL);
    assertThat(settings.workerImage()).isEqualTo(OperatorSettings.DEFAULT_WORKER_IMAGE);
  }
}
