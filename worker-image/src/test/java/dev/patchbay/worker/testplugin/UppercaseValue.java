package dev.patchbay.worker.testplugin;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * A third-party-style plugin for the image tests: packaged into a jar at test time, served over
 * HTTP, fetched by {@code fetch-plugins} into the plugin path, and found by Connect through its
 * ServiceLoader manifest. Never on the worker's class path.
 */
public class UppercaseValue<R extends ConnectRecord<R>> implements Transformation<R> {
  @Override
  public R apply(R record) {
    Object value = record.value();
    if (!(value instanceof String s)) {
      return record;
    }
    return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
        record.valueSchema(), s.toUpperCase(Locale.ROOT), record.timestamp());
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public void close() {}
}
