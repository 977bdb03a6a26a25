package io.sluice.jobs.checkpoint;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Puts {@link NioLocalFileSystem} behind {@code file:} paths (checkpoints, state store files) of a
 * Spark session, unless the deployment chose its own implementation. Checkpoints on HDFS or an
 * object store are not affected.
 */
public final class LocalFileSystems {

  static final String FILE_SYSTEM = "spark.hadoop.fs.file.impl";
  static final String FILE_CONTEXT = "spark.hadoop.fs.AbstractFileSystem.file.impl";

  private LocalFileSystems() {
  }

  /** The builder, with the fork-free local file system where spark-submit's configuration names none. */
  public static SparkSession.Builder configure(SparkSession.Builder builder) {
    SparkConf submitted = new SparkConf();
    if (!submitted.contains(FILE_SYSTEM)) {
      builder.config(FILE_SYSTEM, NioLocalFileSystem.class.getName());
    }
    if (!submitted.contains(FILE_CONTEXT)) {
      builder.config(FILE_CONTEXT, NioLocalFs.class.getName());
    }
    return builder;
  }
}
