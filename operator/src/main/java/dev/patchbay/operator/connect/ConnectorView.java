package dev.patchbay.operator.connect;

import java.util.List;
import java.util.Map;
import java.util.Set;

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

  private static final Set<String> SETTLED = Set.of("RUNNING", "PAUSED", "STOPPED", "FAILED");

  /**
   * Whether Connect has finished acting on what was written: the connector and every task in a settled state, and a
   * running connector with its tasks (a stopped one has none).
   */
  public boolean settled() {
    if (state == null || !SETTLED.contains(state.state())) {
      return false;
    }
    if (tasks.isEmpty()) {
      return !"RUNNING".equals(state.state());
    }
    return tasks.stream().allMatch(t -> SETTLED.contains(t.state()));
  }

  /** The connector instance's state. */
  public record InstanceState(String state, String workerId, String trace) {
  }

  /** One task's state. */
  public record TaskState(int id, String state, String workerId, String trace) {
  }
}
