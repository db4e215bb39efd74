package dev.patchbay.sandbox.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every local pod an address of its own, as a cluster gives every pod an IP: a loopback address 127.x.y.z
 * (Linux routes all of 127.0.0.0/8 to the loopback interface) on which the pod's container ports are the ports
 * themselves (8083, 9404). A worker's id, {@code <pod IP>:8083}, then looks as it does in a cluster and survives a
 * restart of the worker process, which keeps its pod and so its address.
 *
 * <p>Addresses are chosen at random from 127.16.0.1–127.254.255.254, so that sandboxes and tests running at the same
 * time on one machine rarely meet, and an address is taken only when every container port can be bound on it then;
 * it is held (in this JVM) until {@link #release} when the pod is gone. A container port that cannot be bound on any
 * of a few candidates (something listens on {@code 0.0.0.0} with that port) is mapped to a free port on the pod's
 * address. Where 127.0.0.1 is the only loopback address (macOS without aliases), every pod gets 127.0.0.1 and each
 * container port a free port, as before.
 */
final class PodAddresses {

  /** The pod's IP and, per container port, the port it really listens on there (the same port where possible). */
  record Address(String ip, Map<Integer, Integer> ports) {
  }

  static final String SHARED_IP = "127.0.0.1";
  private static final Logger LOG = LoggerFactory.getLogger(PodAddresses.class);
  private static final int CANDIDATES = 8;
  private static final Set<String> HELD = ConcurrentHashMap.newKeySet();
  private static volatile Boolean distinctSupported;

  private PodAddresses() {
  }

  /** An address for a new pod whose container listens on {@code containerPorts}. */
  static Address allocate(Collection<Integer> containerPorts) {
    if (!distinctSupported()) {
      return shared(containerPorts);
    }
    String fallback = null;
    for (int i = 0; i < CANDIDATES; i++) {
      String ip = randomIp();
      if (!HELD.add(ip)) {
        continue;
      }
      if (containerPorts.stream().allMatch(port -> bindable(ip, port))) {
        release(fallback);
        return new Address(ip, identity(containerPorts));
      }
      release(fallback);
      fallback = ip;
    }
    if (fallback == null) {
      throw new IllegalStateException("no free loopback address found for a pod");
    }
    String ip = fallback;
    Map<Integer, Integer> ports = new LinkedHashMap<>();
    containerPorts.forEach(port -> ports.put(port, bindable(ip, port) ? port : freePort(ip)));
    LOG.info("pod address {}: container ports {} mapped to {} (the container ports are in use)", ip,
        containerPorts, ports);
    return new Address(ip, ports);
  }

  /** The pod is gone: its address may be given out again. */
  static void release(String ip) {
    if (ip != null) {
      HELD.remove(ip);
    }
  }

  private static Address shared(Collection<Integer> containerPorts) {
    Map<Integer, Integer> ports = new LinkedHashMap<>();
    containerPorts.forEach(port -> ports.put(port, freePort(SHARED_IP)));
    return new Address(SHARED_IP, ports);
  }

  private static Map<Integer, Integer> identity(Collection<Integer> containerPorts) {
    Map<Integer, Integer> ports = new LinkedHashMap<>();
    containerPorts.forEach(port -> ports.put(port, port));
    return ports;
  }

  private static boolean distinctSupported() {
    Boolean supported = distinctSupported;
    if (supported == null) {
      supported = bindable("127.16.0.1", 0) || bindable(randomIp(), 0);
      distinctSupported = supported;
      if (!supported) {
        LOG.info("only 127.0.0.1 can be bound here: pods share it, each container port mapped to a free port");
      }
    }
    return supported;
  }

  private static String randomIp() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "127." + random.nextInt(16, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
  }

  private static boolean bindable(String ip, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(ip), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort(String ip) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(ip), 0), 1);
      return socket.getLocalPort();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(ip, e);
    } catch (IOException e) {
      throw new IllegalStateException("no free port on " + ip, e);
    }
  }
}
