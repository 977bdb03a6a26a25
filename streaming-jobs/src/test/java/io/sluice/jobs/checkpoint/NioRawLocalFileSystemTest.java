package io.sluice.jobs.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioRawLocalFileSystemTest {

  @TempDir
  java.nio.file.Path dir;

  @Test
  void setsPermissionsAsChmodWould() throws Exception {
    NioRawLocalFileSystem fs = fileSystem();
    Path file = new Path(dir.resolve("f").toUri());
    try (FSDataOutputStream out = fs.create(file)) {
      out.write(1);
    }
    fs.setPermission(file, new FsPermission((short) 0640));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("f")))).isEqualTo("rw-r-----");
    fs.setPermission(file, new FsPermission((short) 0755));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("f")))).isEqualTo("rwxr-xr-x");
    assertThat(fs.getFileStatus(file).getPermission().toShort()).isEqualTo((short) 0755);
  }

  @Test
  void linkStatusOfFilesLinksAndMissingPaths() throws Exception {
    NioRawLocalFileSystem fs = fileSystem();
    Files.writeString(dir.resolve("target"), "x");
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("target"));

    org.apache.hadoop.fs.RawLocalFileSystem hadoops = new org.apache.hadoop.fs.RawLocalFileSystem();
    hadoops.initialize(dir.toUri(), new Configuration(false));
    for (String name : new String[] {"target", "link"}) {
      Path path = new Path(dir.resolve(name).toUri());
      FileStatus ours = fs.getFileLinkStatus(path);
      FileStatus theirs = hadoops.getFileLinkStatus(path);
      assertThat(ours.getPath()).as(name).isEqualTo(theirs.getPath());
      assertThat(ours.getLen()).as(name).isEqualTo(theirs.getLen());
      assertThat(ours.isFile()).as(name).isEqualTo(theirs.isFile());
      assertThat(ours.isSymlink()).as(name).isEqualTo(theirs.isSymlink());
      assertThat(ours.getModificationTime()).as(name).isEqualTo(theirs.getModificationTime());
    }
    assertThat(fs.getFileLinkStatus(new Path(dir.resolve("target").toUri())).getLen()).isEqualTo(1);
    assertThatThrownBy(() -> fs.getFileLinkStatus(new Path(dir.resolve("missing").toUri())))
        .isInstanceOf(FileNotFoundException.class);
  }

  /** What Spark's checkpoint file manager does: write a temporary file, rename it over the final name. */
  @Test
  void fileContextWritesAndRenamesWithChecksums() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.AbstractFileSystem.file.impl", NioLocalFs.class.getName());
    conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
    FileContext fc = FileContext.getFileContext(dir.toUri(), conf);
    Path temp = new Path(dir.resolve("offsets/.0.tmp").toUri());
    Path done = new Path(dir.resolve("offsets/0").toUri());
    fc.mkdir(temp.getParent(), FsPermission.getDirDefault(), true);
    try (FSDataOutputStream out = fc.create(temp, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
      out.write("v1".getBytes(StandardCharsets.UTF_8));
    }
    fc.rename(temp, done, Options.Rename.OVERWRITE);

    assertThat(Files.readString(dir.resolve("offsets/0"))).isEqualTo("v1");
    assertThat(Files.exists(dir.resolve("offsets/.0.crc"))).as("checksum renamed along").isTrue();
    assertThat(Files.exists(dir.resolve("offsets/.0.tmp"))).isFalse();
  }

  private NioRawLocalFileSystem fileSystem() throws Exception {
    NioRawLocalFileSystem fs = new NioRawLocalFileSystem();
    fs.initialize(dir.toUri(), new Configuration(false));
    return fs;
  }
}
