package io.sluice.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.deploy.marathon.RepositoryRoot;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Dockerfiles pass a real linter (dockerfile-utils, installed by the build with npm ci) and our
 * own rules: pinned bases, a non-root user, labels, a health check decision, and every file they
 * copy exists after 'mvn package' and is let through .dockerignore. Docker itself is not here.
 */
class DockerfilesTest {

  static final Path ROOT = RepositoryRoot.PATH;
  private static final Path LINTER = ROOT.resolve("docker/lint/node_modules/.bin/dockerfile-utils");
  private static final Pattern PINNED = Pattern.compile("[\\w./-]+:[\\w.-]*\\d[\\w.-]*(@sha256:[0-9a-f]{64})?");
  private static final Pattern PROJECT_VERSION = Pattern.compile(
      "<artifactId>sluice-parent</artifactId>\\s*<version>([^<]+)</version>");

  static Stream<Path> dockerfiles() throws IOException {
    return Files.list(ROOT.resolve("docker")).map(d -> d.resolve("Dockerfile")).filter(Files::exists).sorted();
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void passesTheLinter(Path file) throws Exception {
    assertThat(lint(file)).as("dockerfile-utils lint " + file).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void followsOurRules(Path file) throws IOException {
    assertThat(problems(Dockerfile.parse(file))).as(file.toString()).isEmpty();
  }

  @Test
  void aBadDockerfileFailsBothTheLinterAndOurRules() throws Exception {
    Path bad = Path.of("src/test/resources/docker/bad.Dockerfile").toAbsolutePath();

    assertThat(lint(bad)).anyMatch(line -> line.contains("only be one CMD"));
    assertThat(problems(Dockerfile.parse(bad))).anyMatch(p -> p.contains("not pinned: ubuntu"))
        .anyMatch(p -> p.contains("runs as root")).anyMatch(p -> p.contains("copies missing/app.jar"))
        .anyMatch(p -> p.contains("label org.opencontainers.image.title"))
        .anyMatch(p -> p.contains("no HEALTHCHECK"));
  }

  @Test
  void buildScriptTagsEveryImageWeOwn() throws IOException {
    String script = Files.readString(ROOT.resolve("docker/build.sh"));
    List<String> images = dockerfiles().map(f -> f.getParent().getFileName().toString()).toList();
    assertThat(script).contains("for image in " + String.join(" ", images) + ";");
    assertThat(Files.isExecutable(ROOT.resolve("docker/build.sh"))).isTrue();
  }

  static List<String> problems(Dockerfile dockerfile) throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> stages = new HashSet<>();
    for (Dockerfile.Instruction from : dockerfile.all("FROM")) {
      String[] words = from.arguments().split("\\s+");
      String image = dockerfile.expand(words[0], Map.of());
      if (!stages.contains(image) && !PINNED.matcher(image).matches()) {
        problems.add("base image not pinned: " + image);
      }
      if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
        stages.add(words[2]);
      }
    }
    List<Dockerfile.Instruction> users = dockerfile.finalStage("USER");
    String user = users.isEmpty() ? "root" : users.get(users.size() - 1).arguments();
    if (user.equals("root") || user.equals("0") || user.startsWith("0:")) {
      problems.add("the image runs as root");
    }
    String labels = String.join(" ", dockerfile.finalStage("LABEL").stream().map(Dockerfile.Instruction::arguments)
        .toList());
    for (String label : List.of("org.opencontainers.image.title", "org.opencontainers.image.version")) {
      if (!labels.contains(label + "=")) {
        problems.add("no label " + label);
      }
    }
    if (dockerfile.finalStage("HEALTHCHECK").isEmpty()) {
      problems.add("no HEALTHCHECK (write HEALTHCHECK NONE, with the reason, where none is meaningful)");
    }
    DockerIgnore ignore = new DockerIgnore(ROOT.resolve(".dockerignore"));
    Map<String, String> version = Map.of("SLUICE_VERSION", projectVersion());
    for (Dockerfile.Instruction copy : dockerfile.all("COPY")) {
      if (copy.arguments().startsWith("--from=")) {
        continue;
      }
      List<String> words = List.of(copy.arguments().split("\\s+"));
      for (String source : words.subList(0, words.size() - 1)) {
        String path = dockerfile.expand(source, version);
        List<Path> matches = matches(path);
        if (matches.isEmpty()) {
          problems.add("copies " + path + ", which does not exist after 'mvn package'");
        }
        for (Path match : matches) {
          String relative = ROOT.relativize(match).toString();
          if (!ignore.sends(relative)) {
            problems.add("copies " + relative + ", which .dockerignore keeps out of the build context");
          }
          if (relative.endsWith(".sh") && !Files.isExecutable(match)) {
            problems.add(relative + " is not executable");
          }
        }
      }
    }
    for (Dockerfile.Instruction entrypoint : dockerfile.finalStage("ENTRYPOINT")) {
      Matcher script = Pattern.compile("/opt/sluice/bin/([\\w.-]+\\.sh)").matcher(entrypoint.arguments());
      if (script.find() && !Files.isExecutable(dockerfile.file().getParent().resolve(script.group(1)))) {
        problems.add("the entrypoint " + script.group(1) + " is not an executable script beside the Dockerfile");
      }
    }
    return problems;
  }

  /** The files a COPY source names: a path, a folder (ending in '/') or a glob, relative to the root. */
  private static List<Path> matches(String source) throws IOException {
    if (!source.contains("*")) {
      Path path = ROOT.resolve(source);
      return Files.exists(path) ? List.of(path) : List.of();
    }
    PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + ROOT.resolve(source));
    Path dir = ROOT.resolve(source.substring(0, source.lastIndexOf('/', source.indexOf('*')) + 1));
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(glob::matches).toList();
    }
  }

  static String projectVersion() throws IOException {
    Matcher m = PROJECT_VERSION.matcher(Files.readString(ROOT.resolve("pom.xml")));
    if (!m.find()) {
      throw new IllegalStateException("no project version in pom.xml");
    }
    return m.group(1);
  }

  /** The linter's findings: its output lines that say Warning or Error. */
  private static List<String> lint(Path file) throws Exception {
    assertThat(LINTER).as("the linter, installed by the build (npm ci in docker/lint)").isExecutable();
    Process process = new ProcessBuilder(LINTER.toString(), "lint", file.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return output.lines().filter(l -> l.startsWith("Warning:") || l.startsWith("Error:")).toList();
  }
}
