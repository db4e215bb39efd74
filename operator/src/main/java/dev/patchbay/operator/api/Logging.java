package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.LinkedHashMap;
import java.util.Map;

/** Log levels of the workers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Logging {

  @JsonPropertyDescription("Root log level: ERROR, WARN, INFO, DEBUG or TRACE. Default INFO.")
  @Default("INFO")
  private LogLevel level = LogLevel.INFO;

  @JsonPropertyDescription("Per-logger levels, e.g. org.apache.kafka.connect.runtime: DEBUG. Applied live through "
      + "Connect's /admin/loggers API as well.")
  private Map<String, LogLevel> loggers = new LinkedHashMap<>();

  public LogLevel getLevel() {
    return level;
  }

  public void setLevel(LogLevel level) {
    this.level = level;
  }

  public Map<String, LogLevel> getLoggers() {
    return loggers;
  }

  public void setLoggers(Map<String, LogLevel> loggers) {
    this.loggers = loggers;
  }
}
