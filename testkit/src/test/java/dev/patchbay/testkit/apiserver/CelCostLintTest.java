package dev.patchbay.testkit.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CelCostLintTest {

  private static final String BASE = "spec.versions[1].schema.openAPIV3Schema";

  static JsonNode crd(String props, String specRules) {
    return CrdSchemaTest.json("{'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition',"
        + "'metadata':{'name':'widgets.example.com'},'spec':{'group':'example.com','scope':'Namespaced',"
        + "'names':{'kind':'Widget','plural':'widgets'},'versions':["
        + "{'name':'v1beta1','served':true,'storage':false,'schema':{'openAPIV3Schema':{'type':'object'}}},"
        + "{'name':'v1','served':true,'storage':true,'schema':{'openAPIV3Schema':{'type':'object',"
        + "'x-kubernetes-validations':[{'rule':'size(self.metadata.name) <= 20 && has(self.spec)',"
        + "  'message':'metadata.name must be at most 20 characters and spec must be set'}],"
        + "'properties':{'spec':{'type':'object','properties':" + props + ",'x-kubernetes-validations':" + specRules
        + "}}}}}]}}");
  }

  @Test
  void findsUnboundedNodesReadPropertiesAndPoorMessages() {
    JsonNode crd = crd("{"
            + "'config':{'type':'object','additionalProperties':{'type':'string'},"
            + "  'x-kubernetes-validations':[{'rule':'!self.exists(k, k == `name`)','message':'no'}]},"
            + "'tags':{'type':'array','items':{'type':'string'},"
            + "  'x-kubernetes-validations':[{'rule':'self.all(t, t != `x`)'}]},"
            + "'url':{'type':'string'},'other':{'type':'string'},'count':{'type':'integer'}}",
        "[{'rule':'has(self.other) != has(self.url) || self.url.startsWith(`https://`) || self.count > 1',"
            + "'message':'this rule is violated by the values you have'}]");
    List<String> problems = CelCostLint.problems(crd);
    assertThat(problems).containsExactlyInAnyOrder(
        BASE + ".properties.spec.properties.url is read by rule \"has(self.other) != has(self.url) || "
            + "self.url.startsWith('https://') || self.count > 1\" on " + BASE + ".properties.spec but the string "
            + "has no maxLength, so the API server cannot bound the rule's cost; declare it.",
        BASE + ".properties.spec rule \"has(self.other) != has(self.url) || self.url.startsWith('https://') || "
            + "self.count > 1\" has the message \"this rule is violated by the values you have\", which does not say "
            + "what to do (e.g. what must or may not be set); rephrase it.",
        BASE + ".properties.spec.properties.config carries rule \"!self.exists(k, k == 'name')\" but the map has no "
            + "maxProperties, so the API server cannot bound the rule's cost; declare it.",
        BASE + ".properties.spec.properties.config rule \"!self.exists(k, k == 'name')\" has the message \"no\" of 2 "
            + "characters; write at least 20 that say what to do.",
        BASE + ".properties.spec.properties.tags carries rule \"self.all(t, t != 'x')\" but the array has no maxItems "
            + "and no maxLength on its items, so the API server cannot bound the rule's cost; declare it.",
        BASE + ".properties.spec.properties.tags rule \"self.all(t, t != 'x')\" has no message; add one that says "
            + "what to do, so that users do not see only \"failed rule: self.all(t, t != 'x')\".");
  }

  @Test
  void boundedSchemaWithGoodMessagesIsClean() {
    JsonNode crd = crd("{"
            + "'config':{'type':'object','maxProperties':256,'additionalProperties':{'type':'string','maxLength':4096},"
            + "  'x-kubernetes-validations':[{'rule':'!self.exists(k, k == `name`)',"
            + "    'message':'spec.config may not contain name: use metadata.name'}]},"
            + "'tags':{'type':'array','maxItems':16,'items':{'type':'string','maxLength':63},"
            + "  'x-kubernetes-validations':[{'rule':'self.all(t, t != `x`)','messageExpression':'`bad tag`'}]},"
            + "'url':{'type':'string','maxLength':2048},'other':{'type':'string'}}",
        "[{'rule':'has(self.other) != has(self.url)',"
            + "'message':'set exactly one of other or url'}]");
    assertThat(CelCostLint.problems(crd)).isEmpty();
    // the schema is also usable as it stands
    assertThat(CrdSchema.of(crd).admit(CrdSchemaTest.json("{'apiVersion':'example.com/v1','kind':'Widget',"
        + "'metadata':{'name':'w'},'spec':{'url':'https://x','tags':['a']}}"), null).errors()).isEmpty();
  }
}
