package dev.patchbay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxMainArgsTest {

  @TempDir
  Path dir;

  @Test
  void parsesEveryOption() {
    SandboxMain.Args a = SandboxMain.Args.parse(new String[] {"--apply", dir.toString(), "--apply=" + dir,
        "--until-ready", "--timeout", "60", "--kubeconfig-out", "k.yaml", "--namespace=lab", "--poll-interval", "2",
        "--maven-repository", "http://127.0.0.1:8081/maven2"});
    assertThat(a.apply()).containsExactly(dir, dir);
    assertThat(a.untilReady()).isTrue();
    assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(a.kubeconfigOut()).isEqualTo(Path.of("k.yaml"));
    assertThat(a.namespace()).isEqualTo("lab");
    assertThat(a.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(a.mavenRepository()).isEqualTo("http://127.0.0.1:8081/maven2");
  }

  @Test
  void defaultsToTheQuickStart() {
    SandboxMain.Args a = SandboxMain.Args.parse(new String[0]);
    assertThat(a.apply()).isEqualTo(List.of());
    assertThat(a.untilReady()).isFalse();
    assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(180));
    assertThat(a.mavenRepository()).as("the operator's default, Maven Central").isNull();
  }

  @Test
  void rejectsUnknownArgumentsAndMissingFiles() {
    assertThatThrownBy(() -> SandboxMain.Args.parse(new String[] {"--nope"})).hasMessageContaining("--nope");
    assertThatThrownBy(() -> SandboxMain.Args.parse(new String[] {"--apply", "/no/such/file.yaml"}))
        .hasMessageContaining("/no/such/file.yaml");
    assertThatThrownBy(() -> SandboxMain.Args.parse(new String[] {"--apply"})).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> SandboxMain.Args.parse(new String[] {"--maven-repository", "repo.example/maven2"}))
        .hasMessageContaining("--maven-repository needs an http:// or https:// URL");
  }
}
