package org.flowgate.dataplane.control;

/**
 * One live interface and what went through it: frames the device took from its receive ring and
 * sent out of it, frames the kernel dropped because the ring was full, frames addressed to another
 * host. A copy.
 */
public record LivePort(
    String interfaceName,
    String deviceName,
    long mac,
    int mtuBytes,
    long framesReceived,
    long bytesReceived,
    long framesSent,
    long bytesSent,
    long kernelDrops,
    long notForUs) {}
