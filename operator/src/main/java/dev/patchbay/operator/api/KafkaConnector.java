package dev.patchbay.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Kafka Connect connector; metadata.name is the connector's name in Connect. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("KafkaConnector")
@Plural("kafkaconnectors")
@Singular("kafkaconnector")
@ShortNames("kctr")
@Categories(ApiGroup.CATEGORY)
@ValidationRule(value = "has(self.spec)", message = "spec is required: set at least spec.connectCluster and spec.class")
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".spec.connectCluster", type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "The KafkaConnect this connector runs on")
@AdditionalPrinterColumn(name = "Class", jsonPath = ".spec.class", type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "connector.class")
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "The connector's state as Connect reports it")
@AdditionalPrinterColumn(name = "Tasks", jsonPath = ".status.tasksReady", type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Tasks in the desired state / tasks")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING, getDescription = "The Ready condition")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class KafkaConnector extends CustomResource<KafkaConnectorSpec, KafkaConnectorStatus> implements Namespaced {

  @Override
  protected KafkaConnectorSpec initSpec() {
    return new KafkaConnectorSpec();
  }

  @Override
  protected KafkaConnectorStatus initStatus() {
    return new KafkaConnectorStatus();
  }
}
