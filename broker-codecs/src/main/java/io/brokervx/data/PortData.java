package io.brokervx.data;

/**
 * Broker's {@code port}: a 16-bit number and a transport protocol. Ordered by number, then protocol;
 * rendered as {@code 80/tcp} ({@code 0/?} for an unknown protocol).
 *
 * @param number the port number, 0–65535
 * @param protocol the transport protocol
 */
public record PortData(int number, Protocol protocol) implements Data {

  /** Transport protocols, with the code Broker's binary format carries and the name it renders. */
  public enum Protocol {
    UNKNOWN(0, "?"),
    TCP(1, "tcp"),
    UDP(2, "udp"),
    ICMP(3, "icmp");

    private static final Protocol[] BY_CODE = {UNKNOWN, TCP, UDP, ICMP};
    private final int code;
    private final String text;

    Protocol(int code, String text) {
      this.code = code;
      this.text = text;
    }

    /** @return the binary code: 0 unknown, 1 tcp, 2 udp, 3 icmp */
    public int code() {
      return code;
    }

    /** @return the rendered name: {@code ?}, {@code tcp}, {@code udp} or {@code icmp} */
    public String text() {
      return text;
    }

    /** @return the protocol with binary code {@code code}, or {@code null} when unknown */
    public static Protocol fromCode(int code) {
      return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** @return the protocol rendered as {@code text}, or {@code null} when unknown */
    public static Protocol fromText(String text) {
      for (Protocol p : BY_CODE) {
        if (p.text.equals(text)) {
          return p;
        }
      }
      return null;
    }
  }

  /**
   * @throws IllegalArgumentException when the number is outside 0–65535 or the protocol is null
   */
  public PortData {
    if (number < 0 || number > 0xffff) {
      throw new IllegalArgumentException("port number out of range 0..65535: " + number);
    }
    if (protocol == null) {
      throw new IllegalArgumentException("port protocol is null");
    }
  }

  /** @return the port {@code number/protocol} */
  public static PortData of(int number, Protocol protocol) {
    return new PortData(number, protocol);
  }

  /**
   * @param text {@code <n>/<proto>} with proto one of {@code tcp}, {@code udp}, {@code icmp}, {@code ?}
   * @return the port
   * @throws IllegalArgumentException when the text is not a port
   */
  public static PortData parse(String text) {
    int slash = text.indexOf('/');
    Protocol p = slash > 0 ? Protocol.fromText(text.substring(slash + 1)) : null;
    String num = slash > 0 ? text.substring(0, slash) : "";
    if (p == null || num.isEmpty() || num.length() > 5 || !num.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("not a port (<n>/tcp|udp|icmp|?): '" + text + "'");
    }
    return new PortData(Integer.parseInt(num), p);
  }

  @Override
  public DataType type() {
    return DataType.PORT;
  }

  @Override
  public int compareTo(Data o) {
    if (!(o instanceof PortData p)) {
      return DataOrder.compareTypes(this, o);
    }
    int c = Integer.compare(number, p.number);
    return c != 0 ? c : Integer.compare(protocol.code(), p.protocol.code());
  }

  @Override
  public String toString() {
    return number + "/" + protocol.text;
  }
}
