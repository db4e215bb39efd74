/**
 * KafkaConnector reconciliation: pushes each connector's config to the Connect cluster its resource names and writes
 * Connect's view back into the status.
 *
 * <p><b>Cheap status.</b> {@link dev.patchbay.operator.connector.ConnectPollers} is a JOSDK event source holding one
 * {@link dev.patchbay.operator.connector.ClusterPoller} per Connect REST URL. A poller fetches
 * {@code GET /connectors?expand=status&expand=info} once per round and triggers the reconcile of only those connectors
 * whose view changed (or whose cluster became unreachable or reachable again). Rounds come fast after a write or a
 * change (100 ms, doubling) and at the configured poll interval when settled, so a settled cluster costs one REST call
 * per interval and no reconcile, no Kubernetes write. Reconciles triggered by Kubernetes (spec, restart annotations,
 * the KafkaConnect) read the same shared listing while it is fresh, fetching it single-flight otherwise.
 *
 * <p><b>One reconcile</b> ({@link dev.patchbay.operator.connector.KafkaConnectorReconciler},
 * {@link dev.patchbay.operator.connector.ConnectorSync}): find the KafkaConnect (missing: ClusterNotFound), read the
 * listing (unreachable: ClusterUnavailable), then create with {@code POST} and {@code initial_state}, or {@code PUT}
 * the config only when the normalised config differs ({@link dev.patchbay.operator.connector.DesiredConfig}); move the
 * connector to the desired state; act on restart annotations and auto-restart; compute the Ready condition
 * ({@link dev.patchbay.operator.connector.Assessment}); write the status only when it changed
 * ({@link dev.patchbay.operator.StatusWriter}). Connect validates every write; only on a rejection is the
 * validate endpoint asked for field errors ({@link dev.patchbay.operator.connector.InvalidConfigs}). REST failures
 * become a status and a jittered backoff, never a blocked thread.
 *
 * <p><b>Ownership.</b> A connector already in Connect is this resource's when its config equals the desired one, or
 * when the status shows Patchbay saw it before ({@code status.connector} or {@code status.type} set). Anything else is
 * a NameConflict and is never changed or deleted.
 *
 * <p><b>Secrets.</b> No value under {@code spec.config} appears in status, events or logs: messages and traces pass
 * through {@link dev.patchbay.operator.connector.Redactor}; logs and events name keys only.
 */
package dev.patchbay.operator.connector;
