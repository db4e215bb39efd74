package dev.patchbay.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the benchmark's counters name the requests they count. */
class RequestNamesTest {

  @Test
  void connectRequestsAreNamedByPathTemplate() {
    assertThat(CountingProxy.template("/connectors?expand=status&expand=info"))
        .isEqualTo("/connectors?expand=status&expand=info");
    assertThat(CountingProxy.template("/connectors/cold-1/status")).isEqualTo("/connectors/{name}/status");
    assertThat(CountingProxy.template("/connectors/x/restart?includeTasks=true&onlyFailed=false"))
        .isEqualTo("/connectors/{name}/restart");
    assertThat(CountingProxy.template("/connectors/x/tasks/0/restart"))
        .isEqualTo("/connectors/{name}/tasks/{task}/restart");
    assertThat(CountingProxy.template("/connector-plugins/FileStreamSource/config/validate"))
        .isEqualTo("/connector-plugins/{class}/config/validate");
    assertThat(CountingProxy.template("/")).isEqualTo("/");
  }

  @Test
  void kubernetesWritesAreNamedByResourceAndSubresource() {
    assertThat(WriteCounter.resourceOf("/apis/patchbay.dev/v1alpha1/namespaces/bench/kafkaconnectors/c-1/status"))
        .isEqualTo("kafkaconnectors/status");
    assertThat(WriteCounter.resourceOf("/apis/patchbay.dev/v1alpha1/namespaces/bench/kafkaconnectors/c-1"))
        .isEqualTo("kafkaconnectors");
    assertThat(WriteCounter.resourceOf("/api/v1/namespaces/bench/events")).isEqualTo("events");
  }
}
