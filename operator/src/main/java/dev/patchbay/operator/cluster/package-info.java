/**
 * KafkaConnect reconciliation: managed clusters (Patchbay runs the workers) and external ones ({@code spec.restUrl}).
 *
 * <ul>
 *   <li>{@link dev.patchbay.operator.cluster.ClusterResources}, {@link dev.patchbay.operator.cluster.WorkerDeployment}
 *       and {@link dev.patchbay.operator.cluster.WorkerConfig}: the desired ConfigMap, Deployment, Service,
 *       NetworkPolicy and PodDisruptionBudget as pure functions of the resource and the operator settings, tested
 *       with golden files ({@code src/test/resources/golden/<scenario>/}, regenerate with
 *       {@code -Dpatchbay.updateGolden=true}).</li>
 *   <li>{@link dev.patchbay.operator.cluster.SpecValidator}: what the CRD schema cannot reject (InvalidSpec).</li>
 *   <li>{@link dev.patchbay.operator.cluster.ResourceDrift} and {@link dev.patchbay.operator.cluster.OwnedResources}:
 *       compare the live objects with the desired ones on the fields Patchbay sets, and create or update (PUT)
 *       only what differs. No server-side apply.</li>
 *   <li>{@link dev.patchbay.operator.cluster.KafkaConnectReconciler}: validate, apply, probe the REST API
 *       ({@link dev.patchbay.operator.cluster.ConnectProbe}), write the status only when it changed.</li>
 * </ul>
 *
 * <p>Contract with the worker image (see {@code worker-image/README.md}): the ConfigMap is mounted at
 * {@code /opt/patchbay/config} with {@code worker.properties}, {@code loggers.properties} and, with plugins,
 * {@code plugins.json}; the worker container runs {@code /opt/patchbay/worker/bin/patchbay-worker}, the init container
 * {@code patchbay-worker fetch-plugins}; env {@code POD_IP}, {@code PATCHBAY_CONFIG_DIR}, {@code PATCHBAY_PLUGIN_DIR},
 * {@code PATCHBAY_HEAP_OPTS}, {@code PATCHBAY_JVM_OPTS}, {@code PATCHBAY_METRICS_ENABLED},
 * {@code PATCHBAY_METRICS_PORT}, {@code PATCHBAY_LOG_LEVEL}, {@code PATCHBAY_TERMINATION_LOG} (the containers'
 * {@code terminationMessagePath}, where the image writes why it stopped). Listeners, the advertised host, plugin path and config
 * providers are set by the image's entrypoint, which is why {@code spec.config} may not set them.
 */
package dev.patchbay.operator.cluster;
