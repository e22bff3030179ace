package org.flowgate.dataplane.live;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * The few Linux calls a live interface needs, bound with the FFM API to the C library the JVM
 * already uses (no JNI, no library of our own): packet sockets, their options, {@code mmap} of
 * their rings, {@code poll}, {@code sendto}, the interface ioctls, {@code eventfd}, and {@code
 * setns} for tests that enter a network namespace of their own.
 *
 * <p>Every call that may fail captures {@code errno} into a segment the caller owns ({@link
 * #errnoSegment()}), so a call on the per-packet path allocates nothing; set-up calls throw an
 * {@link IOException} whose message names the call, the object and {@code strerror}.
 *
 * <p>Thread: stateless; any thread (each thread passes its own errno segment).
 */
public final class Linux {
  // <sys/socket.h>, <linux/if_packet.h>, <linux/if_ether.h>
  static final int AF_PACKET = 17;
  static final int SOCK_RAW = 3;
  static final int SOCK_NONBLOCK = 0x800;
  static final int SOCK_CLOEXEC = 0x80000;
  static final int ETH_P_ALL = 0x0003;
  static final int SOL_PACKET = 263;
  static final int SOL_SOCKET = 1;
  static final int SO_RCVBUF = 8;
  static final int PACKET_ADD_MEMBERSHIP = 1;
  static final int PACKET_RX_RING = 5;
  static final int PACKET_STATISTICS = 6;
  static final int PACKET_VERSION = 10;
  static final int PACKET_TX_RING = 13;
  static final int PACKET_LOSS = 14;
  static final int PACKET_QDISC_BYPASS = 20;
  static final int PACKET_IGNORE_OUTGOING = 23;
  static final int PACKET_MR_ALLMULTI = 2;
  static final int TPACKET_V2 = 1;
  static final int TPACKET_V3 = 2;
  static final int MSG_DONTWAIT = 0x40;

  // <sys/mman.h>
  static final int PROT_READ = 1;
  static final int PROT_WRITE = 2;
  static final int MAP_SHARED = 1;
  static final int MAP_POPULATE = 0x8000;

  // <poll.h>
  static final short POLLIN = 1;

  // <sys/ioctl.h>, <linux/sockios.h>
  static final long SIOCGIFFLAGS = 0x8913;
  static final long SIOCGIFMTU = 0x8921;
  static final long SIOCGIFHWADDR = 0x8927;
  static final long SIOCGIFINDEX = 0x8933;
  static final int IFF_UP = 0x1;
  static final int IFF_RUNNING = 0x40;

  // errno
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int ENOBUFS = 105;

  static final int EFD_NONBLOCK = 0x800;
  static final int EFD_CLOEXEC = 0x80000;
  static final int O_RDONLY = 0;
  static final int O_CLOEXEC = 0x80000;
  static final int CLONE_NEWNET = 0x40000000;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  private static final MethodHandle SOCKET =
      errnoCall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle SETSOCKOPT =
      errnoCall(
          "setsockopt",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle GETSOCKOPT =
      errnoCall(
          "getsockopt",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
  private static final MethodHandle BIND =
      errnoCall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle MMAP =
      errnoCall(
          "mmap",
          FunctionDescriptor.of(
              ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
  private static final MethodHandle MUNMAP =
      errnoCall("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
  private static final MethodHandle CLOSE =
      errnoCall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle POLL =
      errnoCall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle SENDTO =
      errnoCall(
          "sendto",
          FunctionDescriptor.of(
              JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle IOCTL =
      errnoCall("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
  private static final MethodHandle EVENTFD =
      errnoCall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle READ =
      errnoCall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  private static final MethodHandle WRITE =
      errnoCall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  private static final MethodHandle OPEN =
      errnoCall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle SETNS =
      errnoCall("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle STRERROR =
      LINKER.downcallHandle(
          LINKER.defaultLookup().find("strerror").orElseThrow(),
          FunctionDescriptor.of(ADDRESS, JAVA_INT));

  private Linux() {}

  private static MethodHandle errnoCall(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(
        LINKER
            .defaultLookup()
            .find(name)
            .orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in the C library")),
        descriptor,
        Linker.Option.captureCallState("errno"));
  }

  /** A segment to capture one thread's {@code errno} in; allocate one per thread, reuse it. */
  public static MemorySegment errnoSegment() {
    return Arena.ofAuto().allocate(CALL_STATE);
  }

  /** The {@code errno} the last call that used {@code state} left. */
  public static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  /** {@code strerror(errno)}. */
  public static String describe(int errno) {
    try {
      MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
      return text.reinterpret(256).getString(0, StandardCharsets.US_ASCII);
    } catch (Throwable e) {
      return "errno " + errno;
    }
  }

  static IOException failure(String call, String what, MemorySegment state) {
    int errno = errno(state);
    return new IOException(call + " " + what + ": " + describe(errno) + " (errno " + errno + ")");
  }

  // ---------------------------------------------------------------- calls

  static int socket(MemorySegment state, int domain, int type, int protocol) {
    try {
      return (int) SOCKET.invokeExact(state, domain, type, protocol);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  static int setsockopt(
      MemorySegment state, int fd, int level, int name, MemorySegment value, int length) {
    try {
      return (int) SETSOCKOPT.invokeExact(state, fd, level, name, value, length);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  static int getsockopt(
      MemorySegment state, int fd, int level, int name, MemorySegment value, MemorySegment length) {
    try {
      return (int) GETSOCKOPT.invokeExact(state, fd, level, name, value, length);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  static int bind(MemorySegment state, int fd, MemorySegment address, int length) {
    try {
      return (int) BIND.invokeExact(state, fd, address, length);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  static MemorySegment mmap(
      MemorySegment state, long length, int protection, int flags, int fd, long offset) {
    try {
      return (MemorySegment)
          MMAP.invokeExact(state, MemorySegment.NULL, length, protection, flags, fd, offset);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  static int munmap(MemorySegment state, MemorySegment address, long length) {
    try {
      return (int) MUNMAP.invokeExact(state, address, length);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  static int close(MemorySegment state, int fd) {
    try {
      return (int) CLOSE.invokeExact(state, fd);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code poll(fds, count, timeoutMs)}: the number of ready descriptors, 0, or -1. */
  static int poll(MemorySegment state, MemorySegment pollfds, long count, int timeoutMs) {
    try {
      return (int) POLL.invokeExact(state, pollfds, count, timeoutMs);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  static long sendto(
      MemorySegment state,
      int fd,
      MemorySegment buffer,
      long length,
      int flags,
      MemorySegment address,
      int addressLength) {
    try {
      return (long) SENDTO.invokeExact(state, fd, buffer, length, flags, address, addressLength);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  static int ioctl(MemorySegment state, int fd, long request, MemorySegment argument) {
    try {
      return (int) IOCTL.invokeExact(state, fd, request, argument);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  static int eventfd(MemorySegment state, int initial, int flags) {
    try {
      return (int) EVENTFD.invokeExact(state, initial, flags);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  static long read(MemorySegment state, int fd, MemorySegment buffer, long length) {
    try {
      return (long) READ.invokeExact(state, fd, buffer, length);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  static long write(MemorySegment state, int fd, MemorySegment buffer, long length) {
    try {
      return (long) WRITE.invokeExact(state, fd, buffer, length);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Moves the calling thread (only it: a thread's network namespace is its own) into the network
   * namespace {@code ip netns add NAME} made. Sockets it opens afterwards live there for good.
   */
  public static void enterNetworkNamespace(String name) throws IOException {
    MemorySegment state = errnoSegment();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment path = arena.allocateFrom("/var/run/netns/" + name);
      int fd = (int) OPEN.invokeExact(state, path, O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        throw failure("open", "network namespace " + name, state);
      }
      try {
        if ((int) SETNS.invokeExact(state, fd, CLONE_NEWNET) < 0) {
          throw failure("setns", "network namespace " + name, state);
        }
      } finally {
        close(state, fd);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code htons} for the 16-bit values a packet socket takes in network order. */
  static short networkOrder(int value) {
    return Short.reverseBytes((short) value);
  }

  static final MemoryLayout POLLFD = MemoryLayout.structLayout(JAVA_INT, JAVA_SHORT, JAVA_SHORT);
}
