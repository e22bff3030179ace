package org.flowgate.mgmt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hashes computed by glibc's crypt(3) and OpenSSL, checked here. */
class UnixCryptTest {
  @Test
  void acceptsTheHashesGlibcAndOpensslWrite() {
    assertThat(
            UnixCrypt.matches(
                "Hello world!",
                "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"))
        .isTrue();
    assertThat(
            UnixCrypt.matches(
                "Hello world!", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"))
        .isTrue();
    assertThat(
            UnixCrypt.matches(
                "Hello world!",
                "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v."))
        .isTrue();
    assertThat(
            UnixCrypt.matches(
                "",
                "$6$abc$mJP3a6FyA8uCnzRtlnNypPwjnvpi5TP9qOrInzrfDmwxUQG38PkpCPdqfTb8JQfAngapMxeim4AZ..hSdRRzD."))
        .isTrue();
    assertThat(
            UnixCrypt.matches(
                "a".repeat(100),
                "$6$abcdefghijklmnop$ZW3yixa3ExXjp32Kntt.IV2krvDXw.nWdGkqpCo65dluAx.25kaQM.iYywVP3SFVNEaptdOkL99N6Nf98Bmnr/"))
        .isTrue();
    assertThat(
            UnixCrypt.matches(
                "secret", "$5$rounds=1000$xy$N1hx/UywKRIfOICnjar0y/6a6.1YyPXDXo8HiDZcrb3"))
        .isTrue();
  }

  @Test
  void refusesAWrongPasswordAndUnreadableHashes() {
    String hash =
        "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1";
    assertThat(UnixCrypt.matches("Hello world", hash)).isFalse();
    assertThat(UnixCrypt.matches("Hello world!", "$1$abc$xyz")).isFalse();
    assertThat(UnixCrypt.matches("Hello world!", "$6$salt")).isFalse();
    assertThat(UnixCrypt.matches("Hello world!", null)).isFalse();
    assertThat(UnixCrypt.isSupported("$6$salt$short")).isFalse();
  }

  @Test
  void aNewHashChecksAgainstItsPassword() {
    String hash = UnixCrypt.sha512("flowgate");
    assertThat(hash).startsWith("$6$").hasSize(3 + 16 + 1 + 86);
    assertThat(UnixCrypt.matches("flowgate", hash)).isTrue();
    assertThat(UnixCrypt.matches("flowgatf", hash)).isFalse();
  }
}
