package dev.patchbay.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reconcilers write a status only when it is not equal to the one read: every field must take part. */
class StatusEqualityTest {

  static List<Arguments> statuses() {
    return List.of(Arguments.of(KafkaConnectStatus.class, """
        {"observedGeneration": 3,
         "conditions": [{"type": "Ready", "status": "True", "reason": "Ready", "message": "ok",
                         "lastTransitionTime": "2026-01-01T00:00:00Z", "observedGeneration": 3}],
         "mode": "managed", "replicas": 2, "readyReplicas": 1, "selector": "a=b", "restUrl": "http://c:8083",
         "version": "4.3.1", "kafkaClusterId": "k1",
         "connectorPlugins": [{"class": "x.Source", "type": "source", "version": "1"}],
         "connectors": {"managed": 1, "unmanaged": ["legacy"]}}
        """), Arguments.of(KafkaConnectorStatus.class, """
        {"observedGeneration": 3,
         "conditions": [{"type": "Ready", "status": "False", "reason": "TasksFailed", "message": "1/2",
                         "lastTransitionTime": "2026-01-01T00:00:00Z", "observedGeneration": 3}],
         "state": "RUNNING", "tasksReady": "1/2",
         "connector": {"state": "RUNNING", "workerId": "w:8083"},
         "tasks": [{"id": 0, "state": "RUNNING", "workerId": "w:8083"}, {"id": 1, "state": "FAILED", "trace": "t"}],
         "type": "source", "topics": ["t1"],
         "autoRestart": {"count": 1, "lastRestartTime": "2026-01-01T00:00:00Z"},
         "restarts": {"restart": "r1"},
         "offsets": {"list": {"token": "a", "phase": "Done"}}}
        """));
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void statusesWithTheSameJsonAreEqual(Class<?> kind, String json) {
    Object one = Serialization.unmarshal(json, kind);
    Object other = Serialization.unmarshal(json, kind);
    assertThat(one).isNotSameAs(other).isEqualTo(other).hasSameHashCodeAs(other);
    assertThat(one).isNotEqualTo(null).isNotEqualTo(json);
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void everyFieldTakesPartInEquality(Class<?> kind, String json) {
    ObjectNode full = (ObjectNode) Serialization.jsonMapper().valueToTree(Serialization.unmarshal(json, kind));
    List<String> fields = Arrays.stream(kind.getDeclaredFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName).toList();
    assertThat(fieldNames(full)).as("the fixture sets every field of %s", kind.getSimpleName())
        .containsExactlyInAnyOrderElementsOf(fields);
    Object status = Serialization.unmarshal(json, kind);
    for (String field : fields) {
      ObjectNode without = full.deepCopy();
      without.remove(field);
      assertThat(Serialization.jsonMapper().convertValue(without, kind)).as("without %s", field)
          .isNotEqualTo(status);
    }
  }

  private static List<String> fieldNames(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
