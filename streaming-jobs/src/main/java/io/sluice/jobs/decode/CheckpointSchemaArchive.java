package io.sluice.jobs.decode;

import io.sluice.serde.SchemaArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The writer schemas a job has resolved, one file per id ({@code <checkpoint>/schemas/<id>.avsc}),
 * beside the offsets of the records that carry those ids: the checkpoint is on a file system every
 * executor writes its state to, and it lives exactly as long as the job's position in the topic.
 */
public final class CheckpointSchemaArchive implements SchemaArchive {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointSchemaArchive.class);

  private final Path folder;
  private final FileSystem fs;

  private CheckpointSchemaArchive(Path folder, FileSystem fs) {
    this.folder = folder;
    this.fs = fs;
  }

  /**
   * The archive of the job whose checkpoint is {@code checkpointDir}: a fully qualified Hadoop URI
   * (see {@link #qualified}), since an executor's working directory is not the driver's.
   */
  public static CheckpointSchemaArchive in(String checkpointDir) {
    Path folder = new Path(checkpointDir, "schemas");
    try {
      return new CheckpointSchemaArchive(folder, folder.getFileSystem(hadoopConf()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the schema archive in " + folder + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Schema> find(int id) {
    Path file = fileOf(id);
    try {
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(file)) {
        return Optional.of(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot read the kept schema {}; asking the schema registry: {}", file, e.toString());
      return Optional.empty();
    }
  }

  /** Written to a temporary file and renamed, so that a reader never sees half a schema. */
  @Override
  public void keep(int id, Schema schema) {
    Path file = fileOf(id);
    try {
      if (fs.exists(file)) {
        return;
      }
      fs.mkdirs(folder);
      Path partial = new Path(folder, "." + id + "." + UUID.randomUUID() + ".tmp");
      try (OutputStream out = fs.create(partial, false)) {
        out.write(schema.toString().getBytes(StandardCharsets.UTF_8));
      }
      if (!fs.rename(partial, file)) {
        // Another task kept the same schema first.
        fs.delete(partial, false);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot keep schema id {} in {}: {}", id, file, e.toString());
    }
  }

  /** {@code checkpointDir} as a URI with scheme and absolute path, resolved where the driver runs. */
  public static String qualified(String checkpointDir, Configuration driverConf) {
    Path path = new Path(checkpointDir);
    try {
      return path.getFileSystem(driverConf).makeQualified(path).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve the checkpoint location " + checkpointDir + ": " + e.getMessage(),
          e);
    }
  }

  private Path fileOf(int id) {
    return new Path(folder, id + ".avsc");
  }

  /** The executor's Hadoop settings: core-site.xml plus spark.hadoop.* from the job's Spark configuration. */
  private static Configuration hadoopConf() {
    Configuration conf = new Configuration();
    SparkEnv env = SparkEnv.get();
    if (env != null) {
      SparkConf spark = env.conf();
      for (Tuple2<String, String> entry : spark.getAllWithPrefix("spark.hadoop.")) {
        conf.set(entry._1(), entry._2());
      }
    }
    return conf;
  }
}
