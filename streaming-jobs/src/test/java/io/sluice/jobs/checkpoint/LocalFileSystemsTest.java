package io.sluice.jobs.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class LocalFileSystemsTest {

  private static final URI LOCAL = URI.create("file:///");

  @Test
  void checkpointsOnLocalPathsGoThroughTheForkFreeFileSystem() throws Exception {
    SparkSession spark = session();
    try {
      Configuration conf = spark.sessionState().newHadoopConf();
      try (FileSystem fs = FileSystem.newInstance(LOCAL, conf)) {
        assertThat(fs).isInstanceOf(NioLocalFileSystem.class);
      }
      assertThat(FileContext.getFileContext(LOCAL, conf).getDefaultFileSystem()).isInstanceOf(NioLocalFs.class);
    } finally {
      spark.stop();
    }
  }

  @Test
  void aFileSystemChosenAtSubmitIsKept() throws Exception {
    System.setProperty(LocalFileSystems.FILE_SYSTEM, LocalFileSystem.class.getName());
    SparkSession spark = session();
    try {
      try (FileSystem fs = FileSystem.newInstance(LOCAL, spark.sessionState().newHadoopConf())) {
        assertThat(fs.getClass()).isEqualTo(LocalFileSystem.class);
      }
    } finally {
      spark.stop();
      System.clearProperty(LocalFileSystems.FILE_SYSTEM);
    }
  }

  private static SparkSession session() {
    return LocalFileSystems.configure(SparkSession.builder().master("local[1]").appName("local-file-systems-test")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")).getOrCreate();
  }
}
