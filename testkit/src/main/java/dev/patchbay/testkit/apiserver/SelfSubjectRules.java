package dev.patchbay.testkit.apiserver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to a {@code SelfSubjectRulesReview} (leader election checks its Lease access with one): the test API
 * server does not enforce RBAC, so every verb on every resource is allowed. {@code deploy/}'s RBAC is checked against
 * what the operator uses by a test of its own.
 */
final class SelfSubjectRules {

  private SelfSubjectRules() {
  }

  static ObjectNode allowAll(ObjectNode review) {
    ObjectNode answer = review.deepCopy();
    answer.put("kind", "SelfSubjectRulesReview").put("apiVersion", "authorization.k8s.io/v1");
    if (!answer.has("metadata")) {
      answer.putObject("metadata");
    }
    ObjectNode status = answer.putObject("status").put("incomplete", false);
    ObjectNode rule = status.putArray("resourceRules").addObject();
    rule.putArray("verbs").add("*");
    rule.putArray("apiGroups").add("*");
    rule.putArray("resources").add("*");
    status.putArray("nonResourceRules").addObject().set("verbs", JsonNodeFactory.instance.arrayNode().add("*"));
    return answer;
  }
}
