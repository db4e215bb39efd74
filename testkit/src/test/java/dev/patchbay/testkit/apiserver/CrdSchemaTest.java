package dev.patchbay.testkit.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CrdSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static CrdSchema connector;
  private static CrdSchema connect;
  private static String restUrlPattern;

  @BeforeAll
  static void loadCrds() throws IOException {
    Path crds = Path.of(System.getProperty("patchbay.repo.root", "..")).resolve("crds");
    YAMLMapper yaml = new YAMLMapper();
    connector = CrdSchema.of(yaml.readTree(crds.resolve("kafkaconnectors.patchbay.dev.yaml").toFile()));
    var connectCrd = yaml.readTree(crds.resolve("kafkaconnects.patchbay.dev.yaml").toFile());
    connect = CrdSchema.of(connectCrd);
    restUrlPattern = connectCrd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema")
        .path("properties").path("spec").path("properties").path("restUrl").path("pattern").asText();
  }

  private static String restUrlPattern() {
    return restUrlPattern;
  }

  static ObjectNode json(String s) {
    try {
      return (ObjectNode) JSON.readTree(s.replace('\'', '"').replace('`', '\''));
    } catch (IOException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  static ObjectNode kctr(String spec) {
    return json("{'apiVersion':'patchbay.dev/v1alpha1','kind':'KafkaConnector','metadata':{'name':'files',"
        + "'namespace':'ns','labels':{'a':'b'}},'spec':" + spec + "}");
  }

  static ObjectNode kc(String name, String spec) {
    return json("{'apiVersion':'patchbay.dev/v1alpha1','kind':'KafkaConnect','metadata':{'name':'" + name + "',"
        + "'namespace':'ns'},'spec':" + spec + "}");
  }

  static List<String> texts(Admission a) {
    return a.errors().stream().map(FieldError::text).toList();
  }

  static final String GOOD_CONNECTOR = "{'connectCluster':'c','class':'FileStreamSource','config':{'file':'/tmp/x'}}";

  // ------------------------------------------------------------------------------------------------ CRD metadata

  @Test
  void describesTheKind() {
    assertThat(connector.group()).isEqualTo("patchbay.dev");
    assertThat(connector.plural()).isEqualTo("kafkaconnectors");
    assertThat(connector.kind()).isEqualTo("KafkaConnector");
    assertThat(connector.version()).isEqualTo("v1alpha1");
    assertThat(connector.namespaced()).isTrue();
    assertThat(connector.hasStatusSubresource()).isTrue();
    assertThat(connector.scaleSubresource()).isEmpty();
    assertThat(connect.scaleSubresource()).hasValueSatisfying(s -> {
      assertThat(s.path("specReplicasPath").asText()).isEqualTo(".spec.replicas");
      assertThat(s.path("statusReplicasPath").asText()).isEqualTo(".status.replicas");
      assertThat(s.path("labelSelectorPath").asText()).isEqualTo(".status.selector");
    });
  }

  // ------------------------------------------------------------------------------------------ defaults and pruning

  @Test
  void validConnectorIsAdmittedWithDefaults() {
    ObjectNode in = kctr(GOOD_CONNECTOR);
    ObjectNode copy = in.deepCopy();
    Admission a = connector.admit(in, null);
    assertThat(a.errors()).isEmpty();
    assertThat(a.allowed()).isTrue();
    assertThat(in).isEqualTo(copy); // arguments are not modified
    ObjectNode expected = copy.deepCopy();
    ((ObjectNode) expected.get("spec")).put("state", "running").put("tasksMax", 1);
    assertThat(a.object()).isEqualTo(expected);
  }

  @Test
  void defaultsGoIntoExistingObjectsButNotAbsentOnes() {
    Admission a = connector.admit(kctr("{'connectCluster':'c','class':'X','autoRestart':{}}"), null);
    assertThat(a.errors()).isEmpty();
    assertThat(a.object().at("/spec/autoRestart/enabled").asBoolean()).isTrue();
    assertThat(a.object().at("/spec/autoRestart/maxRestarts").isMissingNode()).isTrue();
  }

  @Test
  void validKafkaConnectIsAdmittedWithDefaults() {
    ObjectNode in = kc("my-connect", "{'bootstrapServers':'kafka:9092','config':{'key.converter':'x'},"
        + "'logging':{},'topics':{'config':'c'}}");
    Admission a = connect.admit(in, null);
    assertThat(a.errors()).isEmpty();
    JsonNode spec = a.object().get("spec");
    assertThat(spec.get("replicas").asInt()).isEqualTo(1);
    assertThat(spec.at("/logging/level").asText()).isEqualTo("INFO");
    assertThat(spec.at("/topics/replicationFactor").asInt()).isEqualTo(-1);
    assertThat(spec.has("metrics")).isFalse();
    assertThat(a.object().get("metadata")).isEqualTo(in.get("metadata"));
  }

  @Test
  void unknownFieldsInSpecAndStatusArePrunedSilently() {
    ObjectNode in = kctr("{'connectCluster':'c','class':'X','bogus':1,'autoRestart':{'nope':true}}");
    in.set("status", json("{'state':'RUNNING','extra':{'a':1},'tasks':[{'id':0,'zzz':'y'}]}"));
    in.put("topLevelJunk", "x");
    ((ObjectNode) in.get("metadata")).put("whatever", "kept"); // metadata passes through unchanged
    Admission a = connector.admit(in, null);
    assertThat(a.errors()).isEmpty();
    assertThat(a.object().get("spec").has("bogus")).isFalse();
    assertThat(a.object().at("/spec/autoRestart").has("nope")).isFalse();
    assertThat(a.object().get("status").has("extra")).isFalse();
    assertThat(a.object().at("/status/tasks/0").has("zzz")).isFalse();
    assertThat(a.object().at("/status/state").asText()).isEqualTo("RUNNING");
    assertThat(a.object().has("topLevelJunk")).isFalse();
    assertThat(a.object().at("/metadata/whatever").asText()).isEqualTo("kept");
  }

  @Test
  void nullOfNonNullableFieldIsDroppedAndNullWithDefaultIsDefaulted() {
    Admission a = connector.admit(kctr("{'connectCluster':'c','class':'X','config':null,'state':null}"), null);
    assertThat(a.errors()).isEmpty();
    assertThat(a.object().get("spec").has("config")).isFalse();
    assertThat(a.object().at("/spec/state").asText()).isEqualTo("running");
  }

  // -------------------------------------------------------------------------------------- OpenAPI validation text

  @Test
  void requiredFields() {
    Admission a = connector.admit(kctr("{'class':'X'}"), null);
    assertThat(a.allowed()).isFalse();
    assertThat(a.errors().get(0)).isEqualTo(new FieldError("spec.connectCluster", "FieldValueRequired",
        "Required value"));
    assertThat(texts(a).get(0)).isEqualTo("spec.connectCluster: Required value");
  }

  @Test
  void enumError() {
    Admission a = connector.admit(kctr("{'connectCluster':'c','class':'X','state':'foo'}"), null);
    assertThat(a.errors().get(0).reason()).isEqualTo("FieldValueNotSupported");
    assertThat(texts(a).get(0))
        .isEqualTo("spec.state: Unsupported value: \"foo\": supported values: \"paused\", \"running\", \"stopped\"");
  }

  @Test
  void minimumError() {
    Admission a = connector.admit(kctr("{'connectCluster':'c','class':'X','tasksMax':0}"), null);
    assertThat(texts(a)).containsExactly(
        "spec.tasksMax: Invalid value: 0: spec.tasksMax in body should be greater than or equal to 1");
    assertThat(a.errors().get(0).reason()).isEqualTo("FieldValueInvalid");
  }

  @Test
  void patternError() {
    Admission a = connect.admit(kc("c", "{'restUrl':'ftp://x'}"), null);
    assertThat(texts(a)).containsExactly(
        "spec.restUrl: Invalid value: \"ftp://x\": spec.restUrl in body should match '" + restUrlPattern() + "'");
  }

  @Test
  void typeErrors() {
    Admission a = connector.admit(kctr("{'connectCluster':'c','class':'X','tasksMax':'string'}"), null);
    assertThat(texts(a)).startsWith(
        "spec.tasksMax: Invalid value: \"string\": spec.tasksMax in body must be of type integer: \"string\"");
    assertThat(a.errors().get(0).reason()).isEqualTo("FieldValueTypeInvalid");
    Admission frac = connector.admit(kctr("{'connectCluster':'c','class':'X','tasksMax':1.5}"), null);
    assertThat(texts(frac)).startsWith(
        "spec.tasksMax: Invalid value: \"number\": spec.tasksMax in body must be of type integer: \"number\"");
    Admission whole = connector.admit(kctr("{'connectCluster':'c','class':'X','tasksMax':2.0}"), null);
    assertThat(whole.errors()).isEmpty();
    Admission mapValue = connector.admit(kctr("{'connectCluster':'c','class':'X','config':{'a':1}}"), null);
    assertThat(texts(mapValue)).startsWith(
        "spec.config[a]: Invalid value: \"integer\": spec.config[a] in body must be of type string: \"integer\"");
  }

  @Test
  void nestedPathsUseIndexes() {
    Admission a = connect.admit(kc("c", "{'bootstrapServers':'k:9092','plugins':[{'name':'ok','artifacts':"
        + "[{'url':'https://x/y.jar','sha512':'" + "a".repeat(128) + "'}]},{'name':'Bad!','artifacts':[]}]}"), null);
    assertThat(texts(a)).containsExactlyInAnyOrder(
        "spec.plugins[1].artifacts: Invalid value: 0: spec.plugins[1].artifacts in body should have at least 1 items",
        "spec.plugins[1].name: Invalid value: \"Bad!\": spec.plugins[1].name in body should match "
            + "'^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$'");
  }

  @Test
  void multipleErrorsAreReportedTogether() {
    Admission a = connector.admit(kctr("{'connectCluster':'c','class':'X','tasksMax':0,"
        + "'config':{'name':'x'},'autoRestart':{'maxRestarts':-1}}"), null);
    assertThat(texts(a)).containsExactlyInAnyOrder(
        "spec.tasksMax: Invalid value: 0: spec.tasksMax in body should be greater than or equal to 1",
        "spec.autoRestart.maxRestarts: Invalid value: -1: spec.autoRestart.maxRestarts in body should be greater "
            + "than or equal to 0",
        "spec.config: Invalid value: \"object\": " + RESERVED);
  }

  @Test
  void blockingErrorsSkipCelRulesLikeTheServer() {
    Admission a = connector.admit(kctr("{'class':'X','state':'foo','config':{'name':'x'}}"), null);
    assertThat(texts(a)).containsExactly(
        "spec.connectCluster: Required value",
        "spec.state: Unsupported value: \"foo\": supported values: \"paused\", \"running\", \"stopped\"",
        "Invalid value: \"null\": some validation rules were not checked because the object was invalid; "
            + "correct the existing errors to complete validation");
  }

  // ------------------------------------------------------------------------------------------- CEL rules of CRDs

  private static final String RESERVED = "spec.config may not contain name, connector.class, tasks.max or "
      + "connector.plugin.version: use metadata.name, spec.class, spec.tasksMax and spec.version";

  @Test
  void connectorConfigMayNotHoldReservedKeys() {
    for (String key : List.of("name", "connector.class", "tasks.max", "connector.plugin.version")) {
      Admission a = connector.admit(kctr("{'connectCluster':'c','class':'X','config':{'" + key + "':'v'}}"), null);
      assertThat(a.errors()).containsExactly(new FieldError("spec.config", "FieldValueInvalid",
          "Invalid value: \"object\": " + RESERVED));
    }
    assertThat(connector.admit(kctr("{'connectCluster':'c','class':'X','config':{'topic':'t','name2':'x'}}"), null)
        .errors()).isEmpty();
  }

  @Test
  void specIsRequired() {
    ObjectNode noSpec = kctr("{}");
    noSpec.remove("spec");
    Admission a = connector.admit(noSpec, null);
    assertThat(a.errors()).containsExactly(new FieldError("", "FieldValueInvalid",
        "Invalid value: \"object\": spec is required: set at least spec.connectCluster and spec.class"));
    assertThat(a.errors().get(0).text())
        .isEqualTo("Invalid value: \"object\": spec is required: set at least spec.connectCluster and spec.class");
    ObjectNode kcNoSpec = kc("c", "{}");
    kcNoSpec.remove("spec");
    assertThat(texts(connect.admit(kcNoSpec, null))).containsExactly("Invalid value: \"object\": spec is required: "
        + "set spec.bootstrapServers (managed mode) or spec.restUrl (external mode)");
  }

  private static final String WORKER_KEYS_MESSAGE = "spec.config: Invalid value: \"object\": spec.config may not set "
      + "keys that Patchbay owns: group.id, bootstrap.servers, config/offset/status.storage.topic, listeners, "
      + "rest.advertised.*, plugin.path, config.providers*; remove them (Patchbay sets them from the resource)";

  @Test
  void workerConfigMayNotSetOperatorOwnedKeys() {
    for (String key : List.of("group.id", "bootstrap.servers", "offset.storage.topic", "plugin.path", "rest.port",
        "config.providers", "config.providers.file.class")) {
      Admission a = connect.admit(kc("c", "{'bootstrapServers':'k:9092','config':{'" + key + "':'v'}}"), null);
      assertThat(texts(a)).as(key).containsExactly(WORKER_KEYS_MESSAGE);
    }
    assertThat(connect.admit(kc("c", "{'bootstrapServers':'k:9092','config':{'key.converter':'x',"
        + "'config.providersX':'y'}}"), null).errors()).isEmpty();
  }

  @Test
  void exactlyOneOfBootstrapServersOrRestUrl() {
    String msg = "spec: Invalid value: \"object\": set exactly one of bootstrapServers (managed mode: Patchbay runs "
        + "the workers) or restUrl (external mode: an existing Connect cluster), not both";
    assertThat(texts(connect.admit(kc("c", "{}"), null))).containsExactly(msg);
    assertThat(texts(connect.admit(kc("c", "{'bootstrapServers':'k:9092','restUrl':'http://x:8083'}"), null)))
        .containsExactly(msg);
    assertThat(connect.admit(kc("c", "{'restUrl':'http://x:8083'}"), null).errors()).isEmpty();
    assertThat(connect.admit(kc("c", "{'bootstrapServers':'k:9092'}"), null).errors()).isEmpty();
  }

  @Test
  void kafkaConnectNameIsAShortDns1035Label() {
    String msg = "Invalid value: \"object\": metadata.name must be a DNS-1035 label of at most 51 characters (lower "
        + "case letters, digits and '-', starting with a letter), so that the Service <name>-connect-api is a valid "
        + "name";
    String spec = "{'bootstrapServers':'k:9092'}";
    assertThat(connect.admit(kc("a" + "b".repeat(50), spec), null).errors()).isEmpty();
    assertThat(texts(connect.admit(kc("a" + "b".repeat(51), spec), null))).containsExactly(msg);
    assertThat(texts(connect.admit(kc("1abc", spec), null))).containsExactly(msg);
    assertThat(texts(connect.admit(kc("Abc", spec), null))).containsExactly(msg);
    assertThat(texts(connect.admit(kc("abc-", spec), null))).containsExactly(msg);
    assertThat(connect.admit(kc("a-1", spec), null).errors()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------- synthetic CRD

  static JsonNode syntheticCrd(String props) {
    return json("{'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition',"
        + "'metadata':{'name':'widgets.example.com'},'spec':{'group':'example.com','scope':'Cluster',"
        + "'names':{'kind':'Widget','plural':'widgets'},'versions':["
        + "{'name':'v1beta1','served':true,'storage':false,'schema':{'openAPIV3Schema':{'type':'object'}}},"
        + "{'name':'v1','served':true,'storage':true,'schema':{'openAPIV3Schema':{'type':'object','properties':{"
        + "'spec':{'type':'object','properties':" + props + "}}}}}]}}");
  }

  static final CrdSchema WIDGET = CrdSchema.of(syntheticCrd("{"
      + "'name':{'type':'string','maxLength':5,'minLength':1},"
      + "'tags':{'type':'array','maxItems':3,'items':{'type':'string'},'x-kubernetes-list-type':'set'},"
      + "'ports':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['name'],"
      + "  'items':{'type':'object','required':['name'],'properties':{'name':{'type':'string'},"
      + "    'port':{'type':'integer','format':'int32','maximum':65535}}}},"
      + "'labels':{'type':'object','maxProperties':2,'additionalProperties':{'type':'string'}},"
      + "'size':{'x-kubernetes-int-or-string':true,'anyOf':[{'type':'integer'},{'type':'string'}]},"
      + "'ratio':{'type':'number','minimum':0.5,'exclusiveMaximum':true,'maximum':1000000},"
      + "'extra':{'type':'object','x-kubernetes-preserve-unknown-fields':true,'properties':{'k':{'type':'integer'}}},"
      + "'maybe':{'type':'string','nullable':true},"
      + "'template':{'type':'object','x-kubernetes-embedded-resource':true,'x-kubernetes-preserve-unknown-fields':true},"
      + "'immutable':{'type':'string','x-kubernetes-validations':[{'rule':'self == oldSelf',"
      + "  'message':'immutable is immutable: delete and recreate the widget to change it'}]},"
      + "'nested':{'type':'object','default':{},'properties':{'inner':{'type':'string','default':'d'}}},"
      + "'shout':{'type':'string','x-kubernetes-validations':[{'rule':'self.upperAscii() == self',"
      + "  'messageExpression':'`shout must be upper case, not ` + self'}]},"
      + "'lookup':{'type':'object','additionalProperties':{'type':'string'},"
      + "  'x-kubernetes-validations':[{'rule':'self[`must`] == `x`','message':'lookup must have must: x'}]}"
      + "}"));

  static ObjectNode widget(String spec) {
    return json("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'spec':" + spec + "}");
  }

  @Test
  void syntheticUsesTheStorageVersion() {
    assertThat(WIDGET.version()).isEqualTo("v1");
    assertThat(WIDGET.namespaced()).isFalse();
    assertThat(WIDGET.hasStatusSubresource()).isFalse();
  }

  @Test
  void maxLengthMinLength() {
    assertThat(texts(WIDGET.admit(widget("{'name':'toolong'}"), null)))
        .startsWith("spec.name: Too long: may not be longer than 5");
    assertThat(WIDGET.admit(widget("{'name':'toolong'}"), null).errors().get(0).reason())
        .isEqualTo("FieldValueTooLong");
    assertThat(texts(WIDGET.admit(widget("{'name':''}"), null)))
        .containsExactly("spec.name: Invalid value: \"\": spec.name in body should be at least 1 chars long");
    assertThat(WIDGET.admit(widget("{'name':'héllo'}"), null).errors()).isEmpty(); // runes, not bytes
  }

  @Test
  void maxItemsAndSetDuplicates() {
    Admission a = WIDGET.admit(widget("{'tags':['a','b','c','d']}"), null);
    assertThat(a.errors().get(0)).isEqualTo(new FieldError("spec.tags", "FieldValueTooMany",
        "Too many: 4: must have at most 3 items"));
    assertThat(texts(WIDGET.admit(widget("{'tags':['a','b','a']}"), null)))
        .containsExactly("spec.tags[2]: Duplicate value: \"a\"");
    assertThat(WIDGET.admit(widget("{'tags':['a','b','a']}"), null).errors().get(0).reason())
        .isEqualTo("FieldValueDuplicate");
  }

  @Test
  void mapListDuplicateKeysAndNestedErrors() {
    assertThat(texts(WIDGET.admit(widget("{'ports':[{'name':'a','port':1},{'name':'a','port':2}]}"), null)))
        .containsExactly("spec.ports[1]: Duplicate value: map[string]interface {}{\"name\":\"a\"}");
    assertThat(texts(WIDGET.admit(widget("{'ports':[{'port':70000}]}"), null))).startsWith(
        "spec.ports[0].name: Required value",
        "spec.ports[0].port: Invalid value: 70000: spec.ports[0].port in body should be less than or equal to 65535");
  }

  @Test
  void maxPropertiesOfAMap() {
    assertThat(texts(WIDGET.admit(widget("{'labels':{'a':'1','b':'2','c':'3'}}"), null)))
        .startsWith("spec.labels: Too many: 3: must have at most 2 items");
  }

  @Test
  void intOrString() {
    assertThat(WIDGET.admit(widget("{'size':'1Gi'}"), null).errors()).isEmpty();
    assertThat(WIDGET.admit(widget("{'size':3}"), null).errors()).isEmpty();
    assertThat(WIDGET.admit(widget("{'size':true}"), null).errors().get(0).reason())
        .isEqualTo("FieldValueTypeInvalid");
  }

  @Test
  void numbersAcceptIntegersAndPrintLimitsLikeGo() {
    assertThat(WIDGET.admit(widget("{'ratio':1}"), null).errors()).isEmpty();
    assertThat(texts(WIDGET.admit(widget("{'ratio':0.25}"), null))).containsExactly(
        "spec.ratio: Invalid value: 0.25: spec.ratio in body should be greater than or equal to 0.5");
    assertThat(texts(WIDGET.admit(widget("{'ratio':1000000.5}"), null))).containsExactly(
        "spec.ratio: Invalid value: 1.0000005e+06: spec.ratio in body should be less than 1e+06");
  }

  @Test
  void preserveUnknownFieldsKeepsUnknownButChecksKnown() {
    Admission a = WIDGET.admit(widget("{'extra':{'k':1,'free':{'x':[1,2]}}}"), null);
    assertThat(a.errors()).isEmpty();
    assertThat(a.object().at("/spec/extra/free/x/1").asInt()).isEqualTo(2);
    assertThat(texts(WIDGET.admit(widget("{'extra':{'k':'no'}}"), null))).startsWith(
        "spec.extra.k: Invalid value: \"string\": spec.extra.k in body must be of type integer: \"string\"");
  }

  @Test
  void nullableKeepsNullAndEmbeddedResourceKeepsTypeMeta() {
    Admission a = WIDGET.admit(widget("{'maybe':null,'template':{'apiVersion':'v1','kind':'Pod',"
        + "'metadata':{'name':'p'},'spec':{'x':1}}}"), null);
    assertThat(a.errors()).isEmpty();
    assertThat(a.object().at("/spec/maybe").isNull()).isTrue();
    assertThat(a.object().at("/spec/template/metadata/name").asText()).isEqualTo("p");
  }

  @Test
  void defaultsApplyInsideDefaultedObjects() {
    Admission a = WIDGET.admit(widget("{}"), null);
    assertThat(a.object().at("/spec/nested/inner").asText()).isEqualTo("d");
  }

  @Test
  void transitionRuleIsSkippedOnCreateAndEvaluatedOnUpdate() {
    ObjectNode v1 = widget("{'immutable':'a'}");
    assertThat(WIDGET.admit(v1, null).errors()).isEmpty();
    assertThat(WIDGET.admit(widget("{'immutable':'a'}"), v1).errors()).isEmpty();
    assertThat(texts(WIDGET.admit(widget("{'immutable':'b'}"), v1))).containsExactly(
        "spec.immutable: Invalid value: \"string\": immutable is immutable: delete and recreate the widget to "
            + "change it");
    // no old value at that path: the transition rule is not evaluated
    assertThat(WIDGET.admit(widget("{'immutable':'b'}"), widget("{}")).errors()).isEmpty();
  }

  @Test
  void messageExpressionIsEvaluated() {
    assertThat(WIDGET.admit(widget("{'shout':'HEY'}"), null).errors()).isEmpty();
    assertThat(texts(WIDGET.admit(widget("{'shout':'hey'}"), null)))
        .containsExactly("spec.shout: Invalid value: \"string\": shout must be upper case, not hey");
  }

  @Test
  void evaluationErrorsAreReportedLikeTheServer() {
    assertThat(WIDGET.admit(widget("{'lookup':{'must':'x'}}"), null).errors()).isEmpty();
    assertThat(texts(WIDGET.admit(widget("{'lookup':{'must':'y'}}"), null)))
        .containsExactly("spec.lookup: Invalid value: \"object\": lookup must have must: x");
    assertThat(texts(WIDGET.admit(widget("{'lookup':{}}"), null))).containsExactly(
        "spec.lookup: Invalid value: \"object\": no such key: must evaluating rule: self['must'] == 'x'");
  }

  @Test
  void ruleThatDoesNotCompileRejectsTheCrd() {
    assertThatThrownBy(() -> CrdSchema.of(syntheticCrd("{'x':{'type':'string','x-kubernetes-validations':"
        + "[{'rule':'self.startsWith(','message':'x must be valid so this crd can be tested'}]}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x-kubernetes-validations[0].rule")
        .hasMessageContaining("self.startsWith(")
        .hasMessageContaining("compilation failed");
  }
}
