package dev.patchbay.operator.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedListingClientTest {

  private final List<String> calls = new ArrayList<>();
  private final Map<String, ConnectorView> live = Map.of("live", new ConnectorView("live", Map.of(), "source", null,
      List.of()));

  private final ConnectClient cluster = (ConnectClient) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {ConnectClient.class}, (proxy, method, args) -> {
        calls.add(method.getName());
        return "connectors".equals(method.getName()) ? live : null;
      });

  @Test
  void recentListingIsUsedWithoutACall() {
    Map<String, ConnectorView> shared = Map.of();
    ConnectClient client = new SharedListingClient(cluster, () -> Optional.of(shared));
    assertThat(client.connectors()).isSameAs(shared);
    assertThat(calls).isEmpty();
  }

  @Test
  void withoutARecentListingTheClusterIsAsked() {
    ConnectClient client = new SharedListingClient(cluster, Optional::empty);
    assertThat(client.connectors()).isSameAs(live);
    assertThat(calls).containsExactly("connectors");
  }

  @Test
  void everythingElseGoesToTheCluster() {
    ConnectClient client = new SharedListingClient(cluster, () -> Optional.of(Map.of()));
    client.pause("x");
    client.serverInfo();
    assertThat(calls).containsExactly("pause", "serverInfo");
  }
}
