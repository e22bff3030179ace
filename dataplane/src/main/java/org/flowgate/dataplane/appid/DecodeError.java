package org.flowgate.dataplane.appid;

/**
 * Why a decoder that recognised the start of its protocol could not read the rest: counted per SPU
 * ({@link ApplicationInspector#decodeErrors}), never thrown. A payload that is simply not the
 * decoder's protocol is no error.
 */
public enum DecodeError {
  /** The message stops before a length its own header promised (and no more can come). */
  TRUNCATED,
  /** A length field larger than the protocol allows (a TLS record over 2^14 + 2048 bytes ...). */
  LENGTH_OUT_OF_RANGE,
  /** A field holds a value the specification forbids. */
  MALFORMED,
  /** A QUIC long header that cannot be an Initial packet (lengths, connection-id sizes). */
  QUIC_HEADER,
  /** A QUIC Initial that fails header-protection removal or AEAD authentication. */
  QUIC_DECRYPTION,
  /** A decrypted QUIC Initial whose frames cannot be walked. */
  QUIC_FRAMES,
  /** A custom signature pattern stopped after its step budget (catastrophic backtracking). */
  PATTERN_BUDGET
}
