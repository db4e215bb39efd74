package dev.patchbay.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayUrlTest {

  @Test
  void credentialsInUserinfoAndQueryNeverShow() {
    assertThat(DisplayUrl.of("https://u:pw@h.example/x.jar?token=t0k#frag")).isEqualTo("https://h.example/x.jar?…");
    assertThat(DisplayUrl.of("https://deployer:s3cr@t@h.example/x.jar")).isEqualTo("https://h.example/x.jar");
    assertThat(DisplayUrl.of("https://h.example/x.jar?X-Amz-Signature=ab@cd")).isEqualTo("https://h.example/x.jar?…");
    assertThat(DisplayUrl.of("https://h.example/x.jar#sha=1")).isEqualTo("https://h.example/x.jar");
    assertThat(DisplayUrl.of("https://h.example/x.jar")).isEqualTo("https://h.example/x.jar");
    assertThat(DisplayUrl.of(null)).isNull();
  }
}
