package io.sluice.stack.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A {@code java} command line for one server: JVM options, class path and main class or jar. Immutable. */
public final class JavaCommand {

  private final Path javaHome;
  private final List<String> jvmOptions;
  private final String classPath;
  private final List<String> mainAndArgs;

  private JavaCommand(Builder b) {
    this.javaHome = b.javaHome;
    this.jvmOptions = List.copyOf(b.jvmOptions);
    this.classPath = b.classPath;
    this.mainAndArgs = List.copyOf(b.mainAndArgs);
  }

  public static Builder builder(Path javaHome) {
    return new Builder(javaHome);
  }

  /** The command, tagged with {@code -Dsluice.server=NAME} so that a PID can be told apart from a reused one. */
  public List<String> toArgv(String serverName) {
    List<String> argv = new ArrayList<>();
    argv.add(javaHome.resolve("bin").resolve("java").toString());
    argv.add(ServerProcess.TAG_PROPERTY + serverName);
    argv.addAll(jvmOptions);
    if (classPath != null) {
      argv.add("-cp");
      argv.add(classPath);
    }
    argv.addAll(mainAndArgs);
    return argv;
  }

  /** Builder of a {@link JavaCommand}. */
  public static final class Builder {
    private final Path javaHome;
    private final List<String> jvmOptions = new ArrayList<>();
    private String classPath;
    private final List<String> mainAndArgs = new ArrayList<>();

    private Builder(Path javaHome) {
      this.javaHome = Objects.requireNonNull(javaHome);
    }

    public Builder heap(String max) {
      jvmOptions.add("-Xms64m");
      jvmOptions.add("-Xmx" + max);
      return this;
    }

    public Builder option(String... options) {
      jvmOptions.addAll(List.of(options));
      return this;
    }

    public Builder systemProperty(String name, Object value) {
      jvmOptions.add("-D" + name + "=" + value);
      return this;
    }

    public Builder classPath(String classPath) {
      this.classPath = classPath;
      return this;
    }

    public Builder main(String mainClass, String... args) {
      mainAndArgs.add(mainClass);
      mainAndArgs.addAll(List.of(args));
      return this;
    }

    public Builder jar(Path jar) {
      mainAndArgs.add("-jar");
      mainAndArgs.add(jar.toString());
      return this;
    }

    public JavaCommand build() {
      if (mainAndArgs.isEmpty()) {
        throw new IllegalStateException("A java command needs a main class or a jar");
      }
      return new JavaCommand(this);
    }
  }
}
