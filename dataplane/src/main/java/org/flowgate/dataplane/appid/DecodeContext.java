package org.flowgate.dataplane.appid;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.quic.QuicInitialDecryptor;

/**
 * What a {@link ProtocolDecoder} may see and do while the inspector calls it: the session's ports,
 * the two reassembled TCP streams, a few scratch bits per session, the working memory of its SPU,
 * and the ways to report a nested application or a decode error. One instance per inspector, reused
 * for every call; nothing here allocates.
 *
 * <p>Thread: owned by the SPU of its inspector.
 */
public final class DecodeContext {
  /** Bytes of {@link #workSegment()}: room for a whole TLS ClientHello or QUIC Initial. */
  public static final int WORK_BYTES = 20_480;

  private final ApplicationInspector inspector;
  private final ApplicationCatalog catalog;
  private final CustomSignatures custom;
  private final byte[] work = new byte[WORK_BYTES];
  private final MemorySegment workSegment = MemorySegment.ofArray(work);
  private final QuicInitialDecryptor quic;

  int slot;
  int protocol;
  int clientPort;
  int serverPort;
  private final MemorySegment[] streams = new MemorySegment[2];
  private final long[] streamOffsets = new long[2];
  private final int[] streamLengths = new int[2];
  private final boolean[] streamsFull = new boolean[2];
  int nested;

  DecodeContext(
      ApplicationInspector inspector, ApplicationCatalog catalog, CustomSignatures custom) {
    this.inspector = inspector;
    this.catalog = catalog;
    this.custom = custom;
    this.quic = new QuicInitialDecryptor();
    streams[0] = workSegment;
    streams[1] = workSegment;
  }

  void stream(int direction, MemorySegment segment, long offset, int length, boolean full) {
    streams[direction] = segment;
    streamOffsets[direction] = offset;
    streamLengths[direction] = length;
    streamsFull[direction] = full;
  }

  // ------------------------------------------------------------------ the session

  /** IP protocol: 6 or 17. */
  public int protocol() {
    return protocol;
  }

  /** The session initiator's port. */
  public int clientPort() {
    return clientPort;
  }

  /** The responder's port. */
  public int serverPort() {
    return serverPort;
  }

  /** True when either end uses {@code port} (a capture may start with the server's packet). */
  public boolean port(int port) {
    return clientPort == port || serverPort == port;
  }

  public ApplicationCatalog catalog() {
    return catalog;
  }

  // ------------------------------------------------------------------ TCP streams

  /**
   * The segment holding direction {@code direction}'s stream: bytes {@code [streamOffset,
   * streamOffset + streamLength)} are the stream from its first byte, without gaps.
   */
  public MemorySegment stream(int direction) {
    return streams[direction];
  }

  public long streamOffset(int direction) {
    return streamOffsets[direction];
  }

  /** Contiguous bytes of the stream seen so far (0: nothing yet). */
  public int streamLength(int direction) {
    return streamLengths[direction];
  }

  /**
   * True when no further bytes of this direction will ever be shown: its buffer is full, or no
   * buffer could be had. A decoder waiting for a message longer than this should decide on what it
   * has.
   */
  public boolean streamFull(int direction) {
    return streamsFull[direction];
  }

  /**
   * Places {@code length} bytes at {@code streamOffset} of the client-to-server stream, for a
   * decoder that reassembles a stream of its own inside datagrams (QUIC CRYPTO frames).
   *
   * @return the client stream's contiguous length afterwards
   */
  public int placeClientStream(
      long streamOffset, MemorySegment source, long sourceOffset, int length) {
    return inspector.placeFromDecoder(slot, streamOffset, source, sourceOffset, length);
  }

  // ------------------------------------------------------------------ per-session scratch

  /**
   * Scratch value {@code index} (0 .. {@link ApplicationInspector#SCRATCH_SLOTS} - 1), 0 at first.
   */
  public long scratch(int index) {
    return inspector.scratch(slot, index);
  }

  public void scratch(int index, long value) {
    inspector.scratch(slot, index, value);
  }

  // ------------------------------------------------------------------ results

  /** Names the nested application of the answer the decoder is about to give. */
  public void nested(int application) {
    nested = application;
  }

  /**
   * The nested application named so far in this call ({@link ApplicationCatalog#UNKNOWN}: none).
   */
  public int nestedApplication() {
    return nested;
  }

  /**
   * An HTTP request's Host (without port; null segment when absent) and target: custom {@code over
   * HTTP} signatures first, then the nested-host table, name the nested application.
   */
  public void httpRequest(
      MemorySegment hostSegment,
      long hostOffset,
      int hostLength,
      MemorySegment urlSegment,
      long urlOffset,
      int urlLength) {
    int application =
        custom.matchHttp(
            this, hostSegment, hostOffset, hostLength, urlSegment, urlOffset, urlLength);
    if (application < 0 && hostSegment != null && hostLength > 0) {
      application = catalog.nestedForHost(hostSegment, hostOffset, hostLength);
    }
    if (application >= 0) {
      nested = application;
    }
  }

  /** A TLS or QUIC server_name: custom {@code over SSL} signatures, then the nested-host table. */
  public void serverName(MemorySegment segment, long offset, int length) {
    int application = custom.matchSsl(this, segment, offset, length);
    if (application < 0) {
      application = catalog.nestedForHost(segment, offset, length);
    }
    nested = application;
  }

  /** Counts a decode error (never thrown). */
  public void error(DecodeError error) {
    inspector.countError(error);
  }

  // ------------------------------------------------------------------ SPU working memory

  /** {@value #WORK_BYTES} bytes of working memory, shared by every decoder of the SPU. */
  public MemorySegment workSegment() {
    return workSegment;
  }

  /** The array behind {@link #workSegment()}. */
  public byte[] workBytes() {
    return work;
  }

  /** The SPU's QUIC Initial decryptor (its JCE objects are made once). */
  public QuicInitialDecryptor quic() {
    return quic;
  }
}
