package io.brokervx.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Zeek's highest-random-weight hashing, bit for bit ({@code base/utils/hash_hrw.zeek}): FNV-1a 32 digests,
 * site ids {@code fnv1a32(name + ".<c>")}, and the weight
 * {@code (A * (((A * site + B) mod 2^32) XOR (digest & 0x7fffffff)) + B) mod 2^32 mod 2^31} with
 * A = 1103515245, B = 12345; the highest weight wins, a tie goes to the larger site id. Only string keys
 * are portable (Zeek digests other types through its internal encoding).
 */
public final class Hrw {
  private static final long A = 1103515245L;
  private static final long B = 12345L;
  private static final long MASK32 = 0xffffffffL;

  private Hrw() {
  }

  /** @return the FNV-1a 32-bit digest of {@code bytes} (offset 2166136261, prime 16777619), unsigned */
  public static long fnv1a32(byte[] bytes) {
    long h = 2166136261L;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h = (h * 16777619L) & MASK32;
    }
    return h;
  }

  /** @return the FNV-1a 32-bit digest of the UTF-8 bytes of {@code s} */
  public static long fnv1a32(String s) {
    return fnv1a32(s.getBytes(StandardCharsets.UTF_8));
  }

  /** @return the weight of {@code site} for a key digest {@code digest} */
  public static long weight(long site, long digest) {
    long inner = (A * site + B) & MASK32;
    return ((A * (inner ^ (digest & 0x7fffffffL)) + B) & MASK32) % (1L << 31);
  }

  /**
   * @param sites the candidate site ids
   * @param key the key
   * @return the winning site id for {@code key}, or -1 when there are no sites
   */
  public static long pick(Collection<Long> sites, String key) {
    long digest = fnv1a32(key);
    long best = -1;
    long bestWeight = -1;
    for (long site : sites) {
      long w = weight(site, digest);
      if (w > bestWeight || (w == bestWeight && site > best)) {
        best = site;
        bestWeight = w;
      }
    }
    return best;
  }

  /**
   * @return the site id of {@code name} in a pool: {@code fnv1a32(name + ".<c>")} for the smallest c whose
   *     digest is not in {@code taken}
   */
  public static long siteId(String name, Collection<Long> taken) {
    for (int c = 0; ; c++) {
      long id = fnv1a32(name + "." + c);
      if (!taken.contains(id)) {
        return id;
      }
    }
  }
}
