package org.flowgate.mgmt.reply;

import java.util.List;
import org.flowgate.dataplane.control.ApplicationCacheEntries;
import org.flowgate.dataplane.control.ApplicationDefinition;
import org.flowgate.dataplane.control.ApplicationStatistics;

/**
 * The replies of {@code show services application-identification ...} (docs/adr/0023): values
 * computed by the engine from the running generation's catalog and the SPUs' counters and caches,
 * rendered by {@code AppIdTextRenderer} (text) and {@code AppIdReplyTree} (XML and JSON).
 */
public sealed interface AppIdReply {

  /**
   * {@code application summary}: every application the running generation can name.
   *
   * @param applications in id order
   */
  record Summary(List<ApplicationDefinition> applications) implements AppIdReply {
    public Summary {
      applications = List.copyOf(applications);
    }

    /** The applications named inside HTTP, SSL or QUIC by their host. */
    public long nestedCount() {
      return applications.stream().filter(ApplicationDefinition::nested).count();
    }
  }

  /** {@code application detail NAME}. */
  record Detail(ApplicationDefinition application) implements AppIdReply {
    /** {@code custom application}, {@code nested application}, or how it is recognised. */
    public String description() {
      return application.custom()
          ? "custom application"
          : application.nested() ? "nested application" : application.signature();
    }
  }

  /**
   * {@code statistics applications} ({@code groups} false) or {@code statistics application-groups}
   * ({@code groups} true), summed over the device.
   */
  record Statistics(ApplicationStatistics statistics, boolean groups) implements AppIdReply {}

  /**
   * {@code application-system-cache}: one block per SPU on a device that shows them ({@code
   * perSpuBlocks}), else the SPUs' entries in one block.
   */
  record SystemCache(
      boolean enabled,
      long timeoutSeconds,
      boolean perSpuBlocks,
      List<ApplicationCacheEntries> spus)
      implements AppIdReply {
    public SystemCache {
      spus = List.copyOf(spus);
    }
  }
}
