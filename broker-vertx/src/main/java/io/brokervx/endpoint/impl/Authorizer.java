package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.AuthorizationRule;
import io.netty.util.NetUtil;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;
import javax.security.auth.x500.X500Principal;

/**
 * Finds the authorization rule of a peer by its identity: its certificate subject (certificate mode) and its
 * address. The first rule that matches applies; with rules configured, a peer none matches may do nothing.
 * Without rules every peer may do everything, as with Broker, and the endpoint says so once at start.
 */
final class Authorizer {
  private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);
  private static final Permissions NOTHING = new Permissions(new AuthorizationRule());

  private final List<AuthorizationRule> rules;

  Authorizer(List<AuthorizationRule> rules, UUID endpoint) {
    this.rules = rules;
    if (rules.isEmpty()) {
      LOG.info("endpoint " + endpoint + " runs without authorization: every peer may publish, subscribe and use "
          + "every store (set authorization rules to restrict that)");
    }
  }

  /** @return what a peer with certificate subject {@code subject} (or null) at {@code address} may do */
  Permissions forPeer(String subject, String address) {
    if (rules.isEmpty()) {
      return Permissions.ALL;
    }
    for (AuthorizationRule r : rules) {
      if (matches(r.getIdentity(), subject, address)) {
        return new Permissions(r);
      }
    }
    return NOTHING;
  }

  static boolean matches(String identity, String subject, String address) {
    if (identity.equals("*")) {
      return true;
    }
    if (identity.contains("=")) {
      return subject != null && sameName(identity, subject);
    }
    if (identity.contains("/")) {
      return inNetwork(identity, address);
    }
    return sameAddress(identity, address);
  }

  private static boolean sameName(String a, String b) {
    try {
      return new X500Principal(a).equals(new X500Principal(b));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean sameAddress(String a, String b) {
    InetAddress x = literal(a);
    return x != null && x.equals(literal(b));
  }

  private static boolean inNetwork(String cidr, String address) {
    int slash = cidr.indexOf('/');
    InetAddress net = literal(cidr.substring(0, slash));
    InetAddress addr = literal(address);
    if (net == null || addr == null || net.getAddress().length != addr.getAddress().length) {
      return false;
    }
    int bits;
    try {
      bits = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    int total = net.getAddress().length * 8;
    if (bits < 0 || bits > total) {
      return false;
    }
    BigInteger mask = BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE).shiftRight(bits).not();
    return new BigInteger(1, net.getAddress()).and(mask).equals(new BigInteger(1, addr.getAddress()).and(mask));
  }

  /** @return the address {@code s} spells out (never a name lookup), or null when it is not an address */
  private static InetAddress literal(String s) {
    byte[] bytes = s == null ? null : NetUtil.createByteArrayFromIpAddressString(s);
    try {
      return bytes == null ? null : InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null; // cannot happen for 4 or 16 bytes
    }
  }
}
