package io.plumbago.whisper;

import io.plumbago.whisper.io.MappedRegion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.DirectoryStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A tree of whisper files under one root folder, addressed by metric name as carbon lays it out: {@code a.b.c} is
 * {@code ROOT/a/b/c.wsp}, a tagged series {@code name;k=v} is {@code ROOT/_tagged/xxx/yyy/<sha256>.wsp}. A file is
 * created on its first write with the retentions of {@link StorageSchemas} and the method of
 * {@link StorageAggregation}.
 *
 * <p>No metric name can reach outside the root: a name with a {@code /}, a NUL, or a {@code .}/{@code ..} path
 * element is refused with a {@link WhisperFormatException}. Thread-safe: files stay mapped in a bounded
 * least-recently-used set ({@link Builder#maxOpenFiles}); writes to a file are exclusive and reads share it, so a
 * reader always sees whole points. {@link #close} unmaps everything.
 */
public final class WhisperDatabase implements AutoCloseable {
  private final Path root;
  private final StorageSchemas schemas;
  private final StorageAggregation aggregation;
  private final boolean sparse;
  private final OpenFiles openFiles;
  private final ThreadLocal<WhisperFile.Scratch> scratch = ThreadLocal.withInitial(() -> new WhisperFile.Scratch(1024));

  private WhisperDatabase(Builder builder) {
    this.root = builder.root.toAbsolutePath().normalize();
    this.schemas = builder.schemas;
    this.aggregation = builder.aggregation;
    this.sparse = builder.sparse;
    this.openFiles = new OpenFiles(builder.maxOpenFiles, this::pathFor);
    MappedRegion.initialise(); // not lazily: the first write may come while the JVM shuts down

  }

  /** Starts a database over {@code root} (created on the first write if missing). */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** The root folder. */
  public Path root() {
    return root;
  }

  /**
   * The file that holds {@code metric}, as carbon's whisper database names it: dots become folders, a leading dot
   * and empty elements vanish as they do in carbon's path join.
   */
  public Path pathFor(String metric) {
    if (metric.indexOf(';') >= 0) {
      String hash = sha256(metric);
      return root.resolve("_tagged").resolve(hash.substring(0, 3)).resolve(hash.substring(3, 6))
          .resolve(hash + ".wsp");
    }
    Path path = root;
    int elements = 0;
    int start = 0;
    for (int i = 0; i <= metric.length(); i++) {
      if (i == metric.length() || metric.charAt(i) == '.') {
        if (i > start) {
          String element = metric.substring(start, i);
          checkElement(metric, element);
          path = path.resolve(i == metric.length() ? element + ".wsp" : element);
          elements++;
        }
        start = i + 1;
      }
    }
    if (elements == 0 || metric.endsWith(".")) {
      throw new WhisperFormatException("Metric name '" + printable(metric) + "' does not name a file");
    }
    return path;
  }

  /** Whether a file holds {@code metric}. */
  public boolean exists(String metric) {
    return Files.isRegularFile(pathFor(metric));
  }

  /**
   * Writes points to {@code metric}'s file with whisper's {@code update_many} rules, creating it first if needed.
   * {@code nowSeconds} decides which archive each point falls in.
   */
  public void write(String metric, long[] timestampsSeconds, double[] values, int count, long nowSeconds)
      throws IOException {
    OpenFiles.Action<Void> update = file -> {
      file.updateMany(timestampsSeconds, values, count, nowSeconds, scratch.get());
      return null;
    };
    try {
      openFiles.write(metric, WhisperFile::open, update);
    } catch (NoSuchFileException e) {
      create(metric, pathFor(metric));
      openFiles.write(metric, WhisperFile::open, update);
    }
  }

  /**
   * Reads {@code (from, until]} of {@code metric} as {@link WhisperFile#fetch}; {@code null} when no file holds the
   * metric or whisper would return {@code None}.
   */
  public FetchResult fetch(String metric, long fromSeconds, long untilSeconds, long nowSeconds) throws IOException {
    try {
      return openFiles.read(metric, WhisperFile::open, file -> file.fetch(fromSeconds, untilSeconds, nowSeconds));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Changes {@code metric}'s aggregation method (whisper's {@code setAggregationMethod}, what carbon's CarbonLink
   * {@code set-metadata} does); returns the previous one. A metric without a file throws {@link NoSuchFileException}.
   */
  public AggregationMethod setAggregation(String metric, AggregationMethod method) throws IOException {
    return openFiles.write(metric, WhisperFile::open, file -> file.setAggregation(method, null));
  }

  /** The header of {@code metric}'s file, or {@code null} when there is none. */
  public WhisperInfo info(String metric) throws IOException {
    try {
      return openFiles.read(metric, WhisperFile::open, WhisperFile::info);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * The branches and leaves matching a graphite path expression, as graphite-web's whisper finder finds them: each
   * dot-separated element may use {@code *}, {@code ?}, {@code [a-z]} and {@code {a,b}} and matches one folder or
   * file name (braces expand first, then each variant is a Python {@code fnmatch} pattern; a whole element {@code **}
   * matches any number of folders); a folder gives a branch, a {@code .wsp} file a leaf (a name can be both); hidden
   * names are skipped. Sorted by path, branches before leaves. A tagged name ({@code name;k=v}) finds its hashed file. An element that is empty or could leave
   * the root ({@code ..}, {@code /}, {@code \\}, NUL) is refused with a {@link WhisperFormatException}.
   */
  public List<MetricNode> find(String pattern) throws IOException {
    if (pattern.indexOf(';') >= 0) {
      return exists(pattern) ? List.of(new MetricNode(pattern, true)) : List.of();
    }
    String[] elements = pattern.split("\\.", -1);
    for (String element : elements) {
      if (element.isEmpty() || element.equals("..") || element.indexOf('/') >= 0 || element.indexOf('\\') >= 0
          || element.indexOf('\0') >= 0) {
        throw new WhisperFormatException("Path expression '" + printable(pattern)
            + "' has an empty, '..', '/', '\\' or NUL element");
      }
    }
    PathGlob[] globs = new PathGlob[elements.length];
    for (int i = 0; i < elements.length; i++) {
      globs[i] = PathGlob.compile(elements[i]);
    }
    List<MetricNode> found = new ArrayList<>();
    walk(root, "", elements, globs, 0, found);
    found.sort(Comparator.comparing(MetricNode::path).thenComparing(MetricNode::leaf));
    return found.stream().distinct().toList();
  }

  private static void walk(Path dir, String prefix, String[] elements, PathGlob[] globs, int depth,
      List<MetricNode> found) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    if (elements[depth].equals("**")) {
      globstar(dir, prefix, elements, globs, depth, found);
      return;
    }
    boolean last = depth == elements.length - 1;
    PathGlob glob = globs[depth];
    if (glob.literals() != null) { // no wildcard: look the names up, the common case of a plain metric path
      for (String name : glob.literals()) {
        if (name.isEmpty()) {
          continue;
        }
        Path entry = dir.resolve(name);
        if (Files.isDirectory(entry)) {
          if (!last) {
            walk(entry, prefix + name + ".", elements, globs, depth + 1, found);
          } else if (!name.startsWith(".")) {
            found.add(new MetricNode(prefix + name, false));
          }
        }
        if (last && !name.startsWith(".") && Files.isRegularFile(dir.resolve(name + ".wsp"))) {
          found.add(new MetricNode(prefix + name, true));
        }
      }
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (Files.isDirectory(entry)) {
          if (!glob.matches(name)) {
            continue;
          }
          if (!last) {
            walk(entry, prefix + name + ".", elements, globs, depth + 1, found);
          } else if (!name.startsWith(".")) { // graphite-web skips hidden names
            found.add(new MetricNode(prefix + name, false));
          }
        } else if (last && name.endsWith(".wsp") && !name.startsWith(".")
            && glob.matches(name.substring(0, name.length() - 4)) && Files.isRegularFile(entry)) {
          found.add(new MetricNode(prefix + name.substring(0, name.length() - 4), true));
        }
      }
    }
  }

  /**
   * graphite-web's {@code **} element: the rest of the expression is matched from this folder and from every folder
   * below it (symbolic links are not followed down); a final {@code **} matches every name at any depth.
   */
  private static void globstar(Path dir, String prefix, String[] elements, PathGlob[] globs, int depth,
      List<MetricNode> found) throws IOException {
    String[] rest = depth == elements.length - 1 ? new String[] {"*"}
        : java.util.Arrays.copyOfRange(elements, depth + 1, elements.length);
    PathGlob[] restGlobs = depth == elements.length - 1 ? new PathGlob[] {PathGlob.compile("*")}
        : java.util.Arrays.copyOfRange(globs, depth + 1, globs.length);
    List<Path> folders;
    try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
      folders = all.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
    }
    for (Path folder : folders) {
      String relative = dir.relativize(folder).toString();
      String at = relative.isEmpty() ? prefix : prefix + relative.replace(folder.getFileSystem().getSeparator(), ".")
          + ".";
      walk(folder, at, rest, restGlobs, 0, found);
    }
  }

  private void create(String metric, Path path) throws IOException {
    Files.createDirectories(path.getParent());
    StorageAggregation.Choice choice = aggregation.choiceFor(metric);
    try {
      WhisperFile.create(path, schemas.retentionsFor(metric), choice.xFilesFactor(), choice.method(), sparse).close();
    } catch (FileAlreadyExistsException raced) {
      // another writer created it first: use theirs
    }
  }

  /** How many files are mapped right now (at most the builder's {@code maxOpenFiles}). */
  public int openFiles() {
    return openFiles.size();
  }

  /** Unmaps every open file. The database can still be used afterwards; files are mapped again on use. */
  @Override
  public void close() {
    openFiles.close();
  }

  private static void checkElement(String metric, String element) {
    if (element.equals("..") || element.indexOf('/') >= 0 || element.indexOf('\0') >= 0
        || element.indexOf('\\') >= 0) {
      throw new WhisperFormatException("Metric name '" + printable(metric)
          + "' would leave the whisper root: it has a '..' element, a '/', a '\\' or a NUL");
    }
  }

  private static String printable(String metric) {
    String cut = metric.length() > 200 ? metric.substring(0, 200) + "…" : metric;
    return cut.replace("\0", "\\0");
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Configures a {@link WhisperDatabase}. */
  public static final class Builder {
    private final Path root;
    private StorageSchemas schemas = StorageSchemas.uniform(StorageSchemas.CARBON_DEFAULT);
    private StorageAggregation aggregation = StorageAggregation.defaults();
    private boolean sparse;
    private int maxOpenFiles = defaultMaxOpenFiles();

    private Builder(Path root) {
      this.root = Objects.requireNonNull(root, "root");
    }

    /** Retentions for new files; default carbon's {@code 60s:7d} for every metric. */
    public Builder schemas(StorageSchemas schemas) {
      this.schemas = Objects.requireNonNull(schemas, "schemas");
      return this;
    }

    /** Aggregation for new files; default whisper's (average, 0.5). */
    public Builder aggregation(StorageAggregation aggregation) {
      this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
      return this;
    }

    /** Create files sparse (a hole instead of written zeros), as carbon's {@code WHISPER_SPARSE_CREATE}. */
    public Builder sparse(boolean sparse) {
      this.sparse = sparse;
      return this;
    }

    /**
     * The most files kept mapped at once (least recently used are unmapped first). Default: the kernel's
     * {@code vm.max_map_count} less 16384 mappings left to the JVM, its threads and the network buffers (49146 with
     * the kernel's default 65530), since a store written in rounds over more files than this unmaps and maps again
     * on every write.
     */
    public Builder maxOpenFiles(int maxOpenFiles) {
      if (maxOpenFiles < 1) {
        throw new IllegalArgumentException("maxOpenFiles must be positive: " + maxOpenFiles);
      }
      this.maxOpenFiles = maxOpenFiles;
      return this;
    }

    private static int defaultMaxOpenFiles() {
      try {
        // A reader, not Files.readString: procfs reports a size that makes readString return a truncated value.
        long maxMaps;
        try (var reader = Files.newBufferedReader(Path.of("/proc/sys/vm/max_map_count"))) {
          maxMaps = Long.parseLong(reader.readLine().strip());
        }
        return (int) Math.max(64, Math.min(1 << 20, maxMaps - 16_384));
      } catch (IOException | RuntimeException e) {
        return 4096;
      }
    }

    /** Builds the database. */
    public WhisperDatabase build() {
      return new WhisperDatabase(this);
    }
  }
}
