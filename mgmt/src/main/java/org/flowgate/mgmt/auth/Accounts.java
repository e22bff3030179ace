package org.flowgate.mgmt.auth;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.flowgate.config.login.LoginConfiguration;
import org.flowgate.config.text.Diagnostics;

/**
 * The accounts of the committed configuration: who may log in, with which password hash or keys, in
 * which {@link LoginClass}. Immutable; a commit builds a new one.
 */
public final class Accounts {
  /** One user who may log in. */
  public record Account(
      String name, LoginClass loginClass, String passwordHash, List<PublicKey> keys) {
    public Account {
      keys = List.copyOf(keys);
    }
  }

  private final Map<String, Account> byName;

  private Accounts(Map<String, Account> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** No accounts: every login is refused. */
  public static Accounts none() {
    return new Accounts(Map.of());
  }

  /**
   * The accounts of {@code login}; a key that cannot be read is an error at its user's statement.
   */
  public static Accounts of(LoginConfiguration login, Diagnostics diagnostics) {
    Map<String, LoginClass> classes = new LinkedHashMap<>();
    login.classes().forEach((name, definition) -> classes.put(name, LoginClass.of(definition)));
    Map<String, Account> accounts = new LinkedHashMap<>();
    for (LoginConfiguration.User user : login.users()) {
      LoginClass loginClass =
          user.className() == null
              ? null
              : classes.getOrDefault(user.className(), LoginClass.predefined(user.className()));
      if (loginClass == null) {
        continue; // the reader has reported it
      }
      List<PublicKey> keys = new ArrayList<>();
      for (String line : user.publicKeys()) {
        try {
          PublicKey key =
              PublicKeyEntry.parsePublicKeyEntry(line)
                  .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
          if (key == null) {
            throw new IllegalArgumentException("unsupported key type");
          }
          keys.add(key);
        } catch (Exception e) {
          diagnostics.error(
              user.location(),
              "user '" + user.name() + "': cannot read SSH key: " + e.getMessage());
        }
      }
      accounts.put(
          user.name(), new Account(user.name(), loginClass, user.encryptedPassword(), keys));
    }
    return new Accounts(accounts);
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  /** The account, or null. */
  public Account account(String name) {
    return byName.get(name);
  }

  /** The account when {@code password} is its password; null otherwise (or without a hash). */
  public Account withPassword(String name, String password) {
    Account account = byName.get(name);
    if (account == null || account.passwordHash() == null) {
      UnixCrypt.matches(password, DUMMY_HASH); // same work for unknown users
      return null;
    }
    return UnixCrypt.matches(password, account.passwordHash()) ? account : null;
  }

  /** The account when {@code key} is one of its keys; null otherwise. */
  public Account withKey(String name, PublicKey key) {
    Account account = byName.get(name);
    if (account == null) {
      return null;
    }
    for (PublicKey known : account.keys()) {
      if (KeyUtils.compareKeys(known, key)) {
        return account;
      }
    }
    return null;
  }

  private static final String DUMMY_HASH =
      "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1";
}
