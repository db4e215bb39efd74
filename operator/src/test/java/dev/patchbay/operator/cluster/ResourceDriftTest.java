package dev.patchbay.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.operator.OperatorSettings;
import dev.patchbay.operator.api.KafkaConnect;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class ResourceDriftTest {

  private static final KafkaConnect FULL = Golden.input("full");

  @Test
  void anObjectMatchesItself() {
    for (HasMetadata desired : ClusterResources.desired(FULL, OperatorSettings.defaults())) {
      assertThat(ResourceDrift.matches(desired, Serialization.clone(desired))).as(desired.getKind()).isTrue();
    }
  }

  @Test
  void serverDefaultsAndServerFieldsAreIgnored() {
    Deployment desired = WorkerDeployment.deployment(FULL, OperatorSettings.defaults(),
        ClusterResources.configMap(FULL, OperatorSettings.defaults()));
    Deployment live = Serialization.clone(desired);
    live.getMetadata().setResourceVersion("42");
    live.getMetadata().setUid("u-1");
    live.getMetadata().getLabels().put("added-by-someone", "x");
    live.getSpec().setRevisionHistoryLimit(10);
    live.getSpec().getTemplate().getSpec().getContainers().get(0).setImagePullPolicy("IfNotPresent");
    live.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().setSuccessThreshold(1);
    live.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()
        .put("cpu", new io.fabric8.kubernetes.api.model.Quantity("0.5"));
    assertThat(ResourceDrift.matches(desired, live)).isTrue();
  }

  @Test
  void handEditsAreDrift() {
    Service desired = ClusterResources.service(FULL);
    Service portChanged = Serialization.clone(desired);
    portChanged.getSpec().getPorts().get(0).setPort(9999);
    assertThat(ResourceDrift.matches(desired, portChanged)).isFalse();

    Service portAdded = Serialization.clone(desired);
    portAdded.getSpec().getPorts().add(Serialization.clone(desired.getSpec().getPorts().get(0)));
    assertThat(ResourceDrift.matches(desired, portAdded)).isFalse();

    Service labelChanged = Serialization.clone(desired);
    labelChanged.getMetadata().getLabels().put("patchbay.dev/cluster", "other");
    assertThat(ResourceDrift.matches(desired, labelChanged)).isFalse();

    Service ownerRemoved = Serialization.clone(desired);
    ownerRemoved.getMetadata().getOwnerReferences().clear();
    assertThat(ResourceDrift.matches(desired, ownerRemoved)).isFalse();
  }

  @Test
  void zeroValuesMatchAbsentFieldsBecauseTheServerOmitsThem() {
    JsonNode desired = tree("{\"a\":false,\"b\":0,\"c\":\"\",\"d\":{},\"e\":[]}");
    assertThat(ResourceDrift.isSubset(desired, tree("{}"), "spec")).isTrue();
    assertThat(ResourceDrift.isSubset(tree("{\"a\":true}"), tree("{}"), "spec")).isFalse();
  }

  @Test
  void quantitiesCompareByAmount() {
    JsonNode desired = tree("{\"resources\":{\"limits\":{\"cpu\":\"1000m\",\"memory\":\"1Gi\"}}}");
    JsonNode live = tree("{\"resources\":{\"limits\":{\"cpu\":\"1\",\"memory\":\"1024Mi\"}}}");
    assertThat(ResourceDrift.isSubset(desired, live, "spec")).isTrue();
    JsonNode more = tree("{\"resources\":{\"limits\":{\"cpu\":\"2\",\"memory\":\"1Gi\"}}}");
    assertThat(ResourceDrift.isSubset(desired, more, "spec")).isFalse();
  }

  private static JsonNode tree(String json) {
    try {
      return Serialization.jsonMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
