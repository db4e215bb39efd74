package dev.patchbay.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
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

/** A Kafka Connect worker cluster: managed (Patchbay runs the workers) or external (an existing cluster's REST URL). */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("KafkaConnect")
@Plural("kafkaconnects")
@Singular("kafkaconnect")
@ShortNames("kc")
@Categories(ApiGroup.CATEGORY)
@ValidationRule(value = "has(self.spec)",
    message = "spec is required: set spec.bootstrapServers (managed mode) or spec.restUrl (external mode)")
@ValidationRule(value = "size(self.metadata.name) <= 51 && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
    message = "metadata.name must be a DNS-1035 label of at most 51 characters (lower case letters, digits and '-', "
        + "starting with a letter), so that the Service <name>-connect-api is a valid name")
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".spec.replicas", type = AdditionalPrinterColumn.Type.INTEGER,
    getDescription = "Desired number of workers")
@AdditionalPrinterColumn(name = "Available", jsonPath = ".status.readyReplicas", type = AdditionalPrinterColumn.Type.INTEGER,
    getDescription = "Workers that answer on their REST API")
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".status.mode", type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "managed (Patchbay runs the workers) or external (restUrl)")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING, getDescription = "The Ready condition")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class KafkaConnect extends CustomResource<KafkaConnectSpec, KafkaConnectStatus> implements Namespaced {

  @Override
  protected KafkaConnectSpec initSpec() {
    return new KafkaConnectSpec();
  }

  @Override
  protected KafkaConnectStatus initStatus() {
    return new KafkaConnectStatus();
  }

  /** True when Patchbay runs the workers itself ({@code bootstrapServers} set, no {@code restUrl}). */
  @JsonIgnore
  public boolean isManaged() {
    return getSpec() == null || getSpec().getRestUrl() == null || getSpec().getRestUrl().isBlank();
  }
}
