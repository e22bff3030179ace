package org.flowgate.dataplane.appid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The applications application identification can name, with their ids, Junos names, categories and
 * {@code Encryption:} values, and the host table that names nested applications. Built once from
 * the data files {@code applications.tsv} and {@code nested-hosts.tsv} beside this class (and from
 * the configured custom applications, appended after them); immutable afterwards.
 *
 * <p>Ids: {@link #PENDING} 0, {@link #UNKNOWN} 1 and {@link #INCONCLUSIVE} 2 are results rather
 * than applications; applications follow in file order, then custom applications in configuration
 * order. An id is an index: {@link #name(int)} is an array read.
 *
 * <p>Thread: immutable after construction; every SPU reads the same catalog.
 */
public final class ApplicationCatalog {
  /** Not decided yet: {@code Pending}. */
  public static final int PENDING = 0;

  /** Could not be decided (the inspection limits passed, or nothing can match): junos:UNKNOWN. */
  public static final int UNKNOWN = 1;

  /** The session ended, or stayed one-sided, before a decision: {@code INCONCLUSIVE}. */
  public static final int INCONCLUSIVE = 2;

  private static final String[] RESERVED = {"Pending", "junos:UNKNOWN", "INCONCLUSIVE"};

  private static final String APPLICATIONS = "applications.tsv";
  private static final String NESTED_HOSTS = "nested-hosts.tsv";

  private static volatile ApplicationCatalog builtIn;

  private final String[] names;
  private final String[] categories;
  private final Encryption[] encryptions;
  private final String[] signatures;
  private final boolean[] custom;
  private final Map<String, Integer> ids;
  private final List<CustomApplication> customApplications;
  private final int firstCustomId;

  // TLS to a server port that names the application: sorted ports, their applications
  private final int[] sslPorts;
  private final int[] sslApplications;

  // nested hosts: open addressing over FNV-1a hashes of lower-case domains
  private final long[] hostHashes;
  private final byte[][] hostDomains;
  private final int[] hostApplications;
  private final int hostMask;

  private ApplicationCatalog(
      List<String[]> rows, List<String[]> hostRows, List<CustomApplication> customApplications) {
    int count = RESERVED.length + rows.size() + customApplications.size();
    names = new String[count];
    categories = new String[count];
    encryptions = new Encryption[count];
    signatures = new String[count];
    custom = new boolean[count];
    ids = new HashMap<>();
    for (int id = 0; id < RESERVED.length; id++) {
      names[id] = RESERVED[id];
      categories[id] = "-";
      encryptions[id] = Encryption.UNKNOWN;
      signatures[id] = "-";
      ids.put(RESERVED[id], id);
    }
    TreeMap<Integer, Integer> ports = new TreeMap<>();
    int id = RESERVED.length;
    for (String[] row : rows) {
      String name = row[0];
      if (ids.putIfAbsent(name, id) != null) {
        throw new IllegalStateException(APPLICATIONS + ": " + name + " appears twice");
      }
      names[id] = name;
      categories[id] = row[1];
      signatures[id] = row[4];
      encryptions[id] =
          switch (row[2]) {
            case "Yes" -> Encryption.YES;
            case "No" -> Encryption.NO;
            default ->
                throw new IllegalStateException(APPLICATIONS + ": encrypted is Yes or No: " + name);
          };
      if (!row[3].equals("-")) {
        if (!row[3].startsWith("tcp/")) {
          throw new IllegalStateException(APPLICATIONS + ": over-ssl is tcp/PORT,...: " + name);
        }
        for (String term : row[3].substring(4).split(",")) {
          int port = Integer.parseInt(term);
          if (ports.put(port, id) != null) {
            throw new IllegalStateException(APPLICATIONS + ": SSL port " + port + " twice");
          }
        }
      }
      id++;
    }
    firstCustomId = id;
    for (CustomApplication application : customApplications) {
      if (ids.putIfAbsent(application.name(), id) != null) {
        throw new IllegalArgumentException(
            "custom application " + application.name() + " has the name of another application");
      }
      names[id] = application.name();
      categories[id] = "custom";
      encryptions[id] = Encryption.NO;
      signatures[id] = customSignature(application);
      custom[id] = true;
      id++;
    }
    this.customApplications = List.copyOf(customApplications);
    sslPorts = new int[ports.size()];
    sslApplications = new int[ports.size()];
    int p = 0;
    for (Map.Entry<Integer, Integer> entry : ports.entrySet()) {
      sslPorts[p] = entry.getKey();
      sslApplications[p] = entry.getValue();
      p++;
    }
    int capacity = Integer.highestOneBit(Math.max(16, hostRows.size() * 4) - 1) << 1;
    hostHashes = new long[capacity];
    hostDomains = new byte[capacity][];
    hostApplications = new int[capacity];
    hostMask = capacity - 1;
    for (String[] row : hostRows) {
      byte[] domain = row[0].toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
      Integer application = ids.get(row[1]);
      if (application == null) {
        throw new IllegalStateException(NESTED_HOSTS + ": unknown application " + row[1]);
      }
      long hash = hash(domain, 0, domain.length);
      int slot = (int) hash & hostMask;
      while (hostDomains[slot] != null) {
        if (Arrays.equals(hostDomains[slot], domain)) {
          throw new IllegalStateException(NESTED_HOSTS + ": " + row[0] + " twice");
        }
        slot = (slot + 1) & hostMask;
      }
      hostHashes[slot] = hash;
      hostDomains[slot] = domain;
      hostApplications[slot] = application;
    }
  }

  /** The catalog of the data files alone, read once. */
  public static ApplicationCatalog builtIn() {
    ApplicationCatalog catalog = builtIn;
    if (catalog == null) {
      synchronized (ApplicationCatalog.class) {
        catalog = builtIn;
        if (catalog == null) {
          catalog = new ApplicationCatalog(read(APPLICATIONS, 5), read(NESTED_HOSTS, 2), List.of());
          builtIn = catalog;
        }
      }
    }
    return catalog;
  }

  /**
   * The built-in catalog with {@code applications} appended (ids after every predefined one). Ids
   * depend only on the list, so every SPU, view and log of one generation agrees on them; the last
   * {@value #REMEMBERED} lists asked for are remembered, so that a generation's catalog is read
   * from the data files once, not once per SPU and per query.
   */
  public static ApplicationCatalog withCustom(List<CustomApplication> applications) {
    if (applications.isEmpty()) {
      return builtIn();
    }
    List<CustomApplication> key = List.copyOf(applications);
    synchronized (RECENT) {
      ApplicationCatalog known = RECENT.get(key);
      if (known != null) {
        return known;
      }
    }
    ApplicationCatalog built =
        new ApplicationCatalog(read(APPLICATIONS, 5), read(NESTED_HOSTS, 2), key);
    synchronized (RECENT) {
      RECENT.put(key, built);
    }
    return built;
  }

  /** Custom catalogs remembered by {@link #withCustom}. */
  static final int REMEMBERED = 8;

  private static final Map<List<CustomApplication>, ApplicationCatalog> RECENT =
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(
            Map.Entry<List<CustomApplication>, ApplicationCatalog> e) {
          return size() > REMEMBERED;
        }
      };

  private static List<String[]> read(String resource, int columns) {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = ApplicationCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " missing");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        if (fields.length < columns) {
          throw new IllegalStateException(
              resource + ":" + number + ": " + columns + " tab-separated columns expected");
        }
        rows.add(fields);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  // ------------------------------------------------------------------ names

  /** Number of ids, results included. */
  public int size() {
    return names.length;
  }

  /** Junos name of {@code id}: {@code junos:HTTP}, {@code Pending}, a custom name ... */
  public String name(int id) {
    return names[id];
  }

  /** The id of {@code name}, or -1. */
  public int id(String name) {
    Integer id = ids.get(name);
    return id == null ? -1 : id;
  }

  /** The id of {@code name}; throws IllegalArgumentException when the catalog has none. */
  public int requireId(String name) {
    int id = id(name);
    if (id < 0) {
      throw new IllegalArgumentException("no application " + name + " in the catalog");
    }
    return id;
  }

  public String category(int id) {
    return categories[id];
  }

  /**
   * How Flowgate recognises {@code id}: a decoder's name, {@code nested} (HTTP Host, TLS or QUIC
   * server name), {@code ip-protocol N}, or what a custom application is defined with.
   */
  public String signature(int id) {
    return signatures[id];
  }

  /** True for a nested application: one named only inside HTTP, SSL or QUIC by its host. */
  public boolean isNested(int id) {
    return signatures[id].equals("nested");
  }

  /** The domains of the host table that name nested application {@code id}, sorted. */
  public List<String> hosts(int id) {
    List<String> domains = new ArrayList<>();
    for (int slot = 0; slot < hostDomains.length; slot++) {
      if (hostDomains[slot] != null && hostApplications[slot] == id) {
        domains.add(new String(hostDomains[slot], StandardCharsets.US_ASCII));
      }
    }
    domains.sort(null);
    return domains;
  }

  private static String customSignature(CustomApplication application) {
    List<String> parts = new ArrayList<>();
    if (!application.addressMappings().isEmpty()) {
      parts.add("address-mapping");
    }
    for (CustomApplication.Signature signature : application.signatures()) {
      String over = "over " + signature.over();
      if (!parts.contains(over)) {
        parts.add(over);
      }
    }
    return parts.isEmpty() ? "custom" : "custom: " + String.join(", ", parts);
  }

  /** The {@code Encryption:} value of a session identified as {@code id}. */
  public Encryption encryption(int id) {
    return encryptions[id];
  }

  /** True for an application (not {@link #PENDING}, {@link #UNKNOWN} or {@link #INCONCLUSIVE}). */
  public static boolean isApplication(int id) {
    return id > INCONCLUSIVE;
  }

  public boolean isCustom(int id) {
    return custom[id];
  }

  /** Custom applications, in id order from {@link #firstCustomId()}. */
  public List<CustomApplication> customApplications() {
    return customApplications;
  }

  public int firstCustomId() {
    return firstCustomId;
  }

  /**
   * The application a TLS session to TCP {@code serverPort} is ({@code junos:IMAPS} on 993 ...), or
   * -1 when the port names none and the session is plain {@code junos:SSL}.
   */
  public int sslApplication(int serverPort) {
    int index = Arrays.binarySearch(sslPorts, serverPort);
    return index >= 0 ? sslApplications[index] : -1;
  }

  // ------------------------------------------------------------------ nested applications

  /**
   * The nested application of a host name ({@code www.youtube.com} → {@code junos:YOUTUBE}): the
   * longest domain of the table that equals the host or of which the host is a subdomain, compared
   * in lower case; {@link #UNKNOWN} when none. A trailing dot is ignored. Allocates nothing.
   */
  public int nestedForHost(MemorySegment segment, long offset, int length) {
    int end = length;
    while (end > 0 && segment.get(ValueLayout.JAVA_BYTE, offset + end - 1) == '.') {
      end--;
    }
    int start = 0;
    while (start < end) {
      long hash = hash(segment, offset + start, end - start);
      int slot = (int) hash & hostMask;
      while (hostDomains[slot] != null) {
        if (hostHashes[slot] == hash
            && sameLowerCase(hostDomains[slot], segment, offset + start, end - start)) {
          return hostApplications[slot];
        }
        slot = (slot + 1) & hostMask;
      }
      int dot = start;
      while (dot < end && segment.get(ValueLayout.JAVA_BYTE, offset + dot) != '.') {
        dot++;
      }
      start = dot + 1;
    }
    return UNKNOWN;
  }

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private static long hash(byte[] bytes, int from, int length) {
    long h = FNV_OFFSET;
    for (int i = from; i < from + length; i++) {
      h = (h ^ lower(bytes[i])) * FNV_PRIME;
    }
    return h;
  }

  private static long hash(MemorySegment segment, long offset, int length) {
    long h = FNV_OFFSET;
    for (int i = 0; i < length; i++) {
      h = (h ^ lower(segment.get(ValueLayout.JAVA_BYTE, offset + i))) * FNV_PRIME;
    }
    return h;
  }

  private static boolean sameLowerCase(
      byte[] domain, MemorySegment segment, long offset, int length) {
    if (domain.length != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (domain[i] != lower(segment.get(ValueLayout.JAVA_BYTE, offset + i))) {
        return false;
      }
    }
    return true;
  }

  private static int lower(byte b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b & 0xff;
  }
}
