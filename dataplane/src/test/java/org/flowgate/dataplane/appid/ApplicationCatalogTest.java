package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApplicationCatalogTest {
  private final ApplicationCatalog catalog = ApplicationCatalog.builtIn();

  private int nested(String host) {
    byte[] bytes = host.getBytes(StandardCharsets.US_ASCII);
    return catalog.nestedForHost(MemorySegment.ofArray(bytes), 0, bytes.length);
  }

  @Test
  void reservesPendingUnknownAndInconclusive() {
    assertThat(catalog.name(ApplicationCatalog.PENDING)).isEqualTo("Pending");
    assertThat(catalog.name(ApplicationCatalog.UNKNOWN)).isEqualTo("junos:UNKNOWN");
    assertThat(catalog.name(ApplicationCatalog.INCONCLUSIVE)).isEqualTo("INCONCLUSIVE");
    assertThat(ApplicationCatalog.isApplication(ApplicationCatalog.INCONCLUSIVE)).isFalse();
    assertThat(ApplicationCatalog.isApplication(catalog.id("junos:HTTP"))).isTrue();
  }

  @Test
  void readsNamesCategoriesAndEncryptionFromItsDataFile() {
    assertThat(catalog.id("junos:SSL")).isPositive();
    assertThat(catalog.encryption(catalog.id("junos:SSL"))).isEqualTo(Encryption.YES);
    assertThat(catalog.encryption(catalog.id("junos:QUIC"))).isEqualTo(Encryption.YES);
    assertThat(catalog.encryption(catalog.id("junos:SSH"))).isEqualTo(Encryption.NO);
    assertThat(catalog.encryption(catalog.id("junos:HTTP"))).isEqualTo(Encryption.NO);
    assertThat(catalog.encryption(ApplicationCatalog.UNKNOWN)).isEqualTo(Encryption.UNKNOWN);
    assertThat(catalog.category(catalog.id("junos:DNS"))).isEqualTo("infrastructure:dns");
    assertThat(catalog.id("junos:NO-SUCH-APP")).isEqualTo(-1);
    for (int id = 0; id < catalog.size(); id++) {
      assertThat(catalog.id(catalog.name(id))).isEqualTo(id);
    }
  }

  @Test
  void namesTlsApplicationsByTheirServerPort() {
    assertThat(catalog.sslApplication(993)).isEqualTo(catalog.id("junos:IMAPS"));
    assertThat(catalog.sslApplication(465)).isEqualTo(catalog.id("junos:SMTPS"));
    assertThat(catalog.sslApplication(443)).isEqualTo(catalog.id("junos:SSL"));
    assertThat(catalog.sslApplication(12345)).isEqualTo(-1);
  }

  @Test
  void namesTheNestedApplicationOfTheLongestMatchingDomainInAnyCase() {
    assertThat(nested("www.google.com")).isEqualTo(catalog.id("junos:GOOGLE"));
    assertThat(nested("MAIL.Google.COM")).isEqualTo(catalog.id("junos:GMAIL"));
    assertThat(nested("google.com.")).isEqualTo(catalog.id("junos:GOOGLE"));
    assertThat(nested("r3---sn-4g5e6nze.googlevideo.com")).isEqualTo(catalog.id("junos:YOUTUBE"));
    assertThat(nested("notgoogle.com")).isEqualTo(ApplicationCatalog.UNKNOWN);
    assertThat(nested("google.com.evil.example")).isEqualTo(ApplicationCatalog.UNKNOWN);
    assertThat(nested("")).isEqualTo(ApplicationCatalog.UNKNOWN);
  }
}
