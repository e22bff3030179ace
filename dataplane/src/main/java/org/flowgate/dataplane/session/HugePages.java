package org.flowgate.dataplane.session;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Backs the session table with transparent huge pages where the kernel offers them. A session
 * lookup is two random reads in hundreds of megabytes; with 4 KiB pages each one also misses the
 * TLB, with 2 MiB pages it rarely does. The memory is mapped anonymously ({@code mmap}), advised
 * {@code MADV_HUGEPAGE} before anything touches it, and unmapped when the arena lets go of it. Best
 * effort: where either call is missing or refuses, the table gets ordinary zeroed memory, and the
 * {@link Backing} it returns says which it got and why.
 */
final class HugePages {
  /** Memory for the table, and how the kernel backs it. */
  record Backing(MemorySegment segment, boolean hugePages, String why) {}

  static final long SIZE_BYTES = 2L << 20;
  private static final int PROT_READ_WRITE = 0x1 | 0x2;
  private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
  private static final int MADV_HUGEPAGE = 14;
  private static final MethodHandle MMAP =
      function(
          "mmap",
          FunctionDescriptor.of(
              ValueLayout.ADDRESS,
              ValueLayout.ADDRESS,
              ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_LONG));
  private static final MethodHandle MUNMAP =
      function(
          "munmap",
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
  private static final MethodHandle MADVISE =
      function(
          "madvise",
          FunctionDescriptor.of(
              ValueLayout.JAVA_INT,
              ValueLayout.ADDRESS,
              ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_INT));

  private HugePages() {}

  /**
   * Does nothing; calling it initialises the class, which links the three native calls above. The
   * first link in a JVM spins classes for the downcall stubs and takes about 0.1 s (interpreted,
   * not kept by the AOT cache), so the launcher calls this on a thread of its own at start-up while
   * the main thread reads options and configuration (docs/adr/0028).
   */
  static void prepare() {}

  private static MethodHandle function(String name, FunctionDescriptor descriptor) {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      return null;
    }
    try {
      Linker linker = Linker.nativeLinker();
      return linker
          .defaultLookup()
          .find(name)
          .map(a -> linker.downcallHandle(a, descriptor))
          .orElse(null);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** {@code bytes} of zeroed memory, on huge pages when the kernel agrees; freed with the arena. */
  static Backing allocate(Arena arena, long bytes) {
    if (bytes < SIZE_BYTES) {
      return new Backing(arena.allocate(bytes, 64), false, "smaller than one huge page");
    }
    if (MMAP == null || MUNMAP == null || MADVISE == null) {
      return new Backing(arena.allocate(bytes, 64), false, "mmap/madvise not available");
    }
    long length = ((bytes + SIZE_BYTES - 1) & -SIZE_BYTES) + SIZE_BYTES;
    try {
      MemorySegment mapped =
          (MemorySegment)
              MMAP.invokeExact(
                  MemorySegment.NULL, length, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L);
      if (mapped.address() == -1L || mapped.address() == 0L) {
        return new Backing(arena.allocate(bytes, 64), false, "mmap refused");
      }
      long aligned = (mapped.address() + SIZE_BYTES - 1) & -SIZE_BYTES;
      MemorySegment start = MemorySegment.ofAddress(aligned);
      int advised = (int) MADVISE.invokeExact(start, length - SIZE_BYTES, MADV_HUGEPAGE);
      long base = mapped.address();
      MemorySegment segment = start.reinterpret(bytes, arena, s -> unmap(base, length));
      return new Backing(
          segment, advised == 0, advised == 0 ? "MADV_HUGEPAGE" : "madvise(MADV_HUGEPAGE) refused");
    } catch (Error e) {
      throw e;
    } catch (Throwable e) { // invokeExact declares Throwable; a downcall throws nothing else here
      return new Backing(arena.allocate(bytes, 64), false, "mmap failed: " + e);
    }
  }

  private static void unmap(long address, long length) {
    try {
      int ignored = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(address), length);
    } catch (Throwable e) {
      // nothing more to do
    }
  }
}
