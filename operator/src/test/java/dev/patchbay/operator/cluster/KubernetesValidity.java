package dev.patchbay.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checks a real API server makes that the mock server does not: names, labels, port names, container and volume
 * names. Enough of apimachinery's validation to catch what our builders could get wrong.
 */
final class KubernetesValidity {

  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern IANA_SVC_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  private KubernetesValidity() {
  }

  static void assertValid(HasMetadata object) {
    String name = object.getMetadata().getName();
    String what = object.getKind() + " " + name;
    if (object instanceof Service) {
      assertDns1035Label(what + " name", name);
    } else {
      assertThat(name).as(what + " name").hasSizeLessThanOrEqualTo(253).matches(DNS_1123_SUBDOMAIN);
    }
    assertLabels(what + " labels", object.getMetadata().getLabels());
    assertKeys(what + " annotations", object.getMetadata().getAnnotations());
    if (object instanceof Service service) {
      service.getSpec().getPorts().forEach(p -> assertPortName(what, p.getName()));
      assertUnique(what + " port names", service.getSpec().getPorts().stream().map(ServicePort::getName));
      assertLabels(what + " selector", service.getSpec().getSelector());
    }
    if (object instanceof Deployment deployment) {
      assertLabels(what + " pod labels", deployment.getSpec().getTemplate().getMetadata().getLabels());
      assertKeys(what + " pod annotations", deployment.getSpec().getTemplate().getMetadata().getAnnotations());
      assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
          .as(what + " pod labels match the selector")
          .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
      assertPodSpec(what, deployment.getSpec().getTemplate().getSpec());
    }
  }

  private static void assertPodSpec(String what, PodSpec pod) {
    List<Container> containers = Stream.concat(pod.getContainers().stream(),
        pod.getInitContainers() == null ? Stream.empty() : pod.getInitContainers().stream()).toList();
    assertUnique(what + " container names", containers.stream().map(Container::getName));
    Set<String> volumes = new HashSet<>();
    for (Volume volume : pod.getVolumes()) {
      assertThat(volume.getName()).as(what + " volume name").hasSizeLessThanOrEqualTo(63).matches(DNS_1123_LABEL);
      assertThat(volumes.add(volume.getName())).as(what + " volume " + volume.getName() + " unique").isTrue();
    }
    for (Container container : containers) {
      assertThat(container.getName()).as(what + " container name").hasSizeLessThanOrEqualTo(63)
          .matches(DNS_1123_LABEL);
      if (container.getPorts() != null) {
        container.getPorts().stream().map(ContainerPort::getName).forEach(n -> assertPortName(what, n));
      }
      for (VolumeMount mount : container.getVolumeMounts()) {
        assertThat(volumes).as(what + " mount " + mount.getMountPath() + " refers to a volume")
            .contains(mount.getName());
      }
      assertUnique(what + " env names", container.getEnv().stream().map(e -> e.getName()));
      container.getEnv().forEach(e -> assertThat(e.getName()).as(what + " env name").matches(ENV_NAME));
    }
  }

  private static void assertPortName(String what, String name) {
    assertThat(name).as(what + " port name").hasSizeLessThanOrEqualTo(15).matches(IANA_SVC_NAME)
        .doesNotContain("--").matches(".*[a-z].*");
  }

  static void assertDns1035Label(String what, String name) {
    assertThat(name).as(what).hasSizeLessThanOrEqualTo(63).matches(DNS_1035_LABEL);
  }

  private static void assertLabels(String what, Map<String, String> labels) {
    assertKeys(what, labels);
    if (labels != null) {
      labels.values().forEach(v -> assertThat(v).as(what + " value").hasSizeLessThanOrEqualTo(63)
          .matches(LABEL_VALUE));
    }
  }

  private static void assertKeys(String what, Map<String, String> map) {
    if (map == null) {
      return;
    }
    for (String key : map.keySet()) {
      String[] parts = key.split("/", -1);
      assertThat(parts.length).as(what + " key " + key).isBetween(1, 2);
      String name = parts[parts.length - 1];
      assertThat(name).as(what + " key " + key).hasSizeLessThanOrEqualTo(63).matches(QUALIFIED_NAME);
      if (parts.length == 2) {
        assertThat(parts[0]).as(what + " key prefix " + key).hasSizeLessThanOrEqualTo(253)
            .matches(DNS_1123_SUBDOMAIN);
      }
    }
  }

  private static void assertUnique(String what, Stream<String> names) {
    List<String> list = names.toList();
    assertThat(list).as(what).doesNotHaveDuplicates();
  }
}
