package dev.patchbay.operator.connector;

import dev.patchbay.operator.api.ConnectorInstanceStatus;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.operator.api.TaskStatus;
import dev.patchbay.operator.connect.ConnectorView;
import java.util.ArrayList;
import java.util.List;

/** Copies and fills {@link KafkaConnectorStatus}: pure functions. */
final class Statuses {

  private Statuses() {
  }

  static KafkaConnectorStatus copy(KafkaConnectorStatus source) {
    KafkaConnectorStatus status = new KafkaConnectorStatus();
    if (source == null) {
      return status;
    }
    status.setObservedGeneration(source.getObservedGeneration());
    status.setConditions(source.getConditions() == null ? new ArrayList<>() : new ArrayList<>(source.getConditions()));
    status.setState(source.getState());
    status.setTasksReady(source.getTasksReady());
    status.setConnector(source.getConnector());
    status.setTasks(source.getTasks() == null ? null : new ArrayList<>(source.getTasks()));
    status.setType(source.getType());
    status.setTopics(source.getTopics() == null ? null : new ArrayList<>(source.getTopics()));
    status.setAutoRestart(source.getAutoRestart());
    status.setRestarts(source.getRestarts());
    status.setOffsets(source.getOffsets());
    return status;
  }

  /** Connect's view of the connector: state, connector instance, tasks, type. */
  static void fillFromView(KafkaConnectorStatus status, ConnectorView view, String tasksReady,
                           java.util.Collection<String> hidden) {
    ConnectorView.InstanceState instance = view.state();
    status.setState(instance == null ? null : instance.state());
    status.setConnector(instance == null ? null
        : new ConnectorInstanceStatus(instance.state(), instance.workerId(), Redactor.redact(instance.trace(), hidden)));
    List<TaskStatus> tasks = new ArrayList<>();
    for (ConnectorView.TaskState task : view.tasks()) {
      tasks.add(new TaskStatus(task.id(), task.state(), task.workerId(), Redactor.redact(task.trace(), hidden)));
    }
    status.setTasks(tasks);
    status.setType(view.type());
    status.setTasksReady(tasksReady);
  }

  /** Forgets what Connect showed (the connector is not there, or not ours). */
  static void clearView(KafkaConnectorStatus status, boolean keepType) {
    status.setState(null);
    status.setConnector(null);
    status.setTasks(null);
    status.setTasksReady(null);
    status.setTopics(null);
    if (!keepType) {
      status.setType(null);
    }
  }

  /** Whether the connector's or any task's state or worker differs: topics may have changed. */
  static boolean stateChanged(KafkaConnectorStatus before, KafkaConnectorStatus after) {
    return !java.util.Objects.equals(before.getConnector(), after.getConnector())
        || !java.util.Objects.equals(before.getTasks(), after.getTasks());
  }
}
