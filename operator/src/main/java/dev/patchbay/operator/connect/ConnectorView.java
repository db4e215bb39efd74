package dev.patchbay.operator.connect;

import java.util.List;
import java.util.Map;

/**
 * One connector as {@code GET /connectors?expand=status&expand=info} shows it.
 *
 * @param name the connector's name
 * @param config its live config (as Connect stores it; config provider references unresolved)
 * @param type source or sink (may be null while Connect does not know yet)
 * @param state the connector instance's state, worker and trace
 * @param tasks every task's state, worker and trace, ordered by id
 */
public record ConnectorView(String name, Map<String, String> config, String type, InstanceState state,
                            List<TaskState> tasks) {

  /** The connector instance's state. */
  public record InstanceState(String state, String workerId, String trace) {
  }

  /** One task's state. */
  public record TaskState(int id, String state, String workerId, String trace) {
  }
}
