package dev.patchbay.operator.connector;

import dev.patchbay.operator.api.ConnectorState;
import dev.patchbay.operator.api.KafkaConnector;
import dev.patchbay.operator.api.KafkaConnectorStatus;
import dev.patchbay.operator.connect.ConnectClient;
import java.util.Collection;
import java.util.Map;

/**
 * One reconcile's connector: the resource, the status it had, what the operator remembers of it, and the Connect
 * cluster it lives on (its REST client, its shared listing, its name for events, its key for metrics, and which of
 * its workers are up), and the config Connect is to have ({@link DesiredConfig#of}).
 */
record SyncTarget(KafkaConnector resource, KafkaConnectorStatus previous, TrackedConnector tracked,
                  ConnectClient client, ListingControl listing, String clusterName, String clusterKey,
                  WorkerLiveness workers, Map<String, String> desiredConfig) {

  /** The target with the resource's desired config ({@link DesiredConfig#of}), computed once per reconcile. */
  SyncTarget(KafkaConnector resource, KafkaConnectorStatus previous, TrackedConnector tracked, ConnectClient client,
             ListingControl listing, String clusterName, String clusterKey, WorkerLiveness workers) {
    this(resource, previous, tracked, client, listing, clusterName, clusterKey, workers, DesiredConfig.of(resource));
  }

  String name() {
    return resource.getMetadata().getName();
  }

  Long generation() {
    return resource.getMetadata().getGeneration();
  }

  /** spec.state, RUNNING when unset. */
  ConnectorState desiredState() {
    return DesiredConfig.state(resource);
  }

  /** Values that must never reach a status, event or log. */
  Collection<String> secrets() {
    return DesiredConfig.secretsOf(resource);
  }
}
