package dev.patchbay.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.Naming;
import dev.patchbay.operator.api.ArtifactType;
import dev.patchbay.operator.api.ConnectPlugin;
import dev.patchbay.operator.api.KafkaConnect;
import dev.patchbay.operator.api.MavenCoordinates;
import dev.patchbay.operator.api.OwnedWorkerKeys;
import dev.patchbay.operator.api.PluginArtifact;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  @Test
  void goldenInputsAreValid() {
    Golden.scenarios().forEach(s -> assertThat(SpecValidator.problems(Golden.input(s))).as(s).isEmpty());
  }

  @Test
  void operatorOwnedWorkerKeysAreRejectedByNameNotValue() {
    KafkaConnect kc = Golden.input("minimal");
    kc.getSpec().setConfig(Map.of("group.id", "secret-value", "config.providers.file.class", "x",
        "plugin.path", "/x", "producer.acks", "all"));
    assertThat(SpecValidator.problems(kc)).singleElement().asString()
        .contains("config.providers.file.class, group.id, plugin.path")
        .doesNotContain("secret-value", "producer.acks");
  }

  @Test
  void everyKeyTheOperatorRendersIsOneTheUserMayNotSet() {
    // were one missing from OwnedWorkerKeys, spec.config could set it twice in worker.properties
    assertThat(WorkerConfig.ownedProperties(Golden.input("full")).keySet()).allMatch(OwnedWorkerKeys::isOwned);
  }

  @Test
  void exactlyOneModeMustBeChosen() {
    KafkaConnect both = Golden.input("minimal");
    both.getSpec().setRestUrl("http://x:8083");
    assertThat(SpecValidator.problems(both)).singleElement().asString().contains("exactly one");
    KafkaConnect neither = Golden.input("minimal");
    neither.getSpec().setBootstrapServers(null);
    assertThat(SpecValidator.problems(neither)).singleElement().asString().contains("exactly one");
  }

  @Test
  void pluginArtifactsNeedASha512AndAKnownType() {
    KafkaConnect kc = Golden.input("minimal");
    PluginArtifact noSha = new PluginArtifact("https://example.com/a.jar", null);
    // a presigned URL: its query holds a credential, which the message must not repeat
    PluginArtifact unknownType = new PluginArtifact("https://u:pw@example.com/download?X-Amz-Signature=s1gn",
        "a".repeat(128));
    kc.getSpec().setPlugins(List.of(new ConnectPlugin("p", List.of(noSha, unknownType))));
    assertThat(SpecValidator.problems(kc)).containsExactly(
        "plugin p: artifact https://example.com/a.jar needs a sha512 of 128 hex digits",
        "plugin p: cannot tell the type of artifact https://example.com/download?… from its name; "
            + "set type to jar, zip or tgz");
  }

  @Test
  void pluginArtifactsAreEitherAUrlOrMavenCoordinates() {
    KafkaConnect kc = Golden.input("minimal");
    PluginArtifact both = PluginArtifact.maven(new MavenCoordinates("io.debezium", "debezium-core", "3.6.1.Final"));
    both.setUrl("https://example.com/a.jar");
    PluginArtifact neither = new PluginArtifact(null, "a".repeat(128));
    PluginArtifact mavenWithUrlType = PluginArtifact.maven(new MavenCoordinates("g", "a", "1.0"));
    mavenWithUrlType.setType(ArtifactType.ZIP);
    PluginArtifact climbing = PluginArtifact.maven(new MavenCoordinates("..", "a", "1.0"));
    PluginArtifact urlWithRepository = new PluginArtifact("https://example.com/a.jar", "a".repeat(128));
    urlWithRepository.setRepository("https://repo.example.com/maven2");
    PluginArtifact mavenOk = PluginArtifact.maven(new MavenCoordinates("io.debezium", "debezium-core", "3.6.1.Final"));
    mavenOk.setRepository("https://repo.example.com/maven2");
    kc.getSpec().setPlugins(List.of(new ConnectPlugin("p",
        List.of(both, neither, mavenWithUrlType, climbing, urlWithRepository, mavenOk))));
    assertThat(SpecValidator.problems(kc)).containsExactly(
        "plugin p: every artifact needs exactly one of url (with sha512) or maven",
        "plugin p: every artifact needs exactly one of url (with sha512) or maven",
        "plugin p: type applies to url artifacts only; set maven.type instead",
        "plugin p: a maven artifact needs group, artifact and version (letters, digits, '.', '_', '-' and '+'), "
            + "and an optional classifier of the same characters",
        "plugin p: repository applies to maven artifacts only");
  }

  @Test
  void namesThatWouldMakeInvalidObjectNamesAreRejected() {
    KafkaConnect tooLong = Golden.input("minimal");
    tooLong.getMetadata().setName("a".repeat(Naming.MAX_CLUSTER_NAME_LENGTH + 1));
    assertThat(SpecValidator.problems(tooLong)).singleElement().asString().contains("at most 51");
    KafkaConnect dotted = Golden.input("minimal");
    dotted.getMetadata().setName("my.connect");
    assertThat(SpecValidator.problems(dotted)).singleElement().asString().contains("DNS-1035");
  }
}
