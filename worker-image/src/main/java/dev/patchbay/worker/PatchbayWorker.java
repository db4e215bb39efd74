package dev.patchbay.worker;

import dev.patchbay.worker.plugins.PluginFetchException;
import dev.patchbay.worker.plugins.PluginFetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Java half of {@code bin/patchbay-worker}: {@code render} writes the effective
 * {@code worker.properties} and {@code log4j2.properties} into {@code PATCHBAY_WORK_DIR}
 * (see {@link WorkerConfigRenderer}); {@code fetch-plugins} fills the plugin directory
 * (see {@link PluginFetcher}). Errors go to stderr as one line, and to the container's termination message
 * ({@link TerminationMessage}) so that the pod status and the KafkaConnect's Ready condition say why; the exit code
 * is non-zero.
 */
public final class PatchbayWorker {
  public static final String ENV_CONFIG_DIR = "PATCHBAY_CONFIG_DIR";
  public static final String ENV_WORK_DIR = "PATCHBAY_WORK_DIR";
  public static final String DEFAULT_CONFIG_DIR = "/opt/patchbay/config";
  public static final String DEFAULT_WORK_DIR = "/tmp/patchbay";

  private PatchbayWorker() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "render" : args[0];
    Map<String, String> env = System.getenv();
    try {
      switch (command) {
        case "render" -> render(env);
        case "fetch-plugins" -> fetchPlugins(env);
        default -> {
          System.err.println("patchbay-worker: unknown command '" + command + "' (expected render or fetch-plugins)");
          System.exit(2);
        }
      }
    } catch (WorkerConfigException | PluginFetchException e) {
      fail(env, e.getMessage());
    } catch (RuntimeException e) {
      e.printStackTrace();
      fail(env, command + " failed: " + e);
    }
  }

  private static void fail(Map<String, String> env, String message) {
    System.err.println("patchbay-worker: " + message);
    TerminationMessage.write(env, message);
    System.exit(1);
  }

  static void render(Map<String, String> env) {
    Path configDir = Path.of(env.getOrDefault(ENV_CONFIG_DIR, DEFAULT_CONFIG_DIR));
    Path workDir = Path.of(env.getOrDefault(ENV_WORK_DIR, DEFAULT_WORK_DIR));
    WorkerConfigRenderer.Rendered rendered = new WorkerConfigRenderer(env).render(configDir, baseLog4j2());
    PropertiesFiles.writeAtomically(workDir.resolve(WorkerConfigRenderer.WORKER_PROPERTIES),
        "# Rendered by patchbay-worker from " + configDir + " and the environment\n"
            + PropertiesFiles.format(rendered.workerProperties()));
    PropertiesFiles.writeAtomically(workDir.resolve(WorkerConfigRenderer.LOG4J2_PROPERTIES), rendered.log4j2Properties());
    System.out.println("patchbay-worker: rendered " + workDir.resolve(WorkerConfigRenderer.WORKER_PROPERTIES));
  }

  static void fetchPlugins(Map<String, String> env) {
    Path configDir = Path.of(env.getOrDefault(ENV_CONFIG_DIR, DEFAULT_CONFIG_DIR));
    Path spec = configDir.resolve(PluginFetcher.PLUGINS_JSON);
    Path pluginDir = Path.of(env.getOrDefault(WorkerConfigRenderer.ENV_PLUGIN_DIR, WorkerConfigRenderer.DEFAULT_PLUGIN_DIR));
    if (!Files.isRegularFile(spec)) {
      System.out.println("patchbay-worker: no " + spec + ", no plugins to fetch");
      return;
    }
    new PluginFetcher(PluginFetcher.defaultHttpClient(), System.out::println).fetchAll(spec, pluginDir);
  }

  /** The distribution's config/log4j2.properties, or a built-in stdout configuration. */
  static String baseLog4j2() {
    String home = System.getProperty("patchbay.home");
    if (home != null) {
      Path file = Path.of(home, "config", WorkerConfigRenderer.LOG4J2_PROPERTIES);
      try {
        if (Files.isRegularFile(file)) {
          return Files.readString(file);
        }
      } catch (IOException e) {
        throw new WorkerConfigException("cannot read " + file, e);
      }
    }
    return """
        status = warn
        name = patchbay-worker
        appender.stdout.type = Console
        appender.stdout.name = STDOUT
        appender.stdout.layout.type = PatternLayout
        appender.stdout.layout.pattern = [%d] %p %X{connector.context}%m (%c:%L)%n
        rootLogger.level = INFO
        rootLogger.appenderRef.stdout.ref = STDOUT
        """;
  }
}
