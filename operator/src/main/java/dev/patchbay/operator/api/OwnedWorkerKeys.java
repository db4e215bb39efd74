package dev.patchbay.operator.api;

import java.util.Arrays;
import java.util.List;

/**
 * The worker properties Patchbay owns, so {@code spec.config} of a KafkaConnect may not set them: the operator
 * renders group.id, bootstrap.servers and the internal topic names from the resource; the worker image sets the
 * listener, advertised host, plugin path and config providers.
 *
 * <p>One definition for the CRD's CEL rule (annotations need compile-time constants, so the list is a constant in
 * CEL's list syntax) and for the operator's own check, which reads {@link #KEYS} parsed from that same constant.
 */
public final class OwnedWorkerKeys {

  /** Every key that is owned by name, as the elements of a CEL list of string literals. */
  static final String CEL_KEYS = "'group.id', 'bootstrap.servers', 'config.storage.topic', "
      + "'offset.storage.topic', 'status.storage.topic', 'listeners', 'rest.advertised.host.name', "
      + "'rest.advertised.port', 'rest.advertised.listener', 'rest.port', 'rest.host.name', 'plugin.path', "
      + "'config.providers'";

  /** Keys under this prefix are owned too ({@code config.providers.<name>.class} and its params). */
  public static final String OWNED_PREFIX = "config.providers.";

  /** The CEL rule on {@code spec.config}: no key is owned. */
  static final String CEL_RULE = "!self.exists(k, k in [" + CEL_KEYS + "] || k.startsWith('" + OWNED_PREFIX + "'))";

  /** The owned keys in short, for messages. */
  static final String SUMMARY = "group.id, bootstrap.servers, config/offset/status.storage.topic, listeners, "
      + "rest.advertised.*, plugin.path, config.providers*";

  /** Every key owned by name, in the order of the CEL rule. */
  public static final List<String> KEYS = Arrays.stream(CEL_KEYS.split(","))
      .map(quoted -> quoted.strip().replace("'", ""))
      .toList();

  private OwnedWorkerKeys() {
  }

  /** Whether {@code spec.config} may not set this key. */
  public static boolean isOwned(String key) {
    return KEYS.contains(key) || key.startsWith(OWNED_PREFIX);
  }
}
