package io.brokervx.data;

/**
 * The fifteen types of Broker's data model, with the variant tag used by the binary v1 format and the
 * {@code @data-type} name used by the JSON v1 format.
 */
public enum DataType {
  NONE(0, "none"),
  BOOLEAN(1, "boolean"),
  COUNT(2, "count"),
  INTEGER(3, "integer"),
  REAL(4, "real"),
  STRING(5, "string"),
  ADDRESS(6, "address"),
  SUBNET(7, "subnet"),
  PORT(8, "port"),
  TIMESTAMP(9, "timestamp"),
  TIMESPAN(10, "timespan"),
  ENUM_VALUE(11, "enum-value"),
  SET(12, "set"),
  TABLE(13, "table"),
  VECTOR(14, "vector");

  private static final DataType[] BY_TAG = values();

  private final int tag;
  private final String jsonName;

  DataType(int tag, String jsonName) {
    this.tag = tag;
    this.jsonName = jsonName;
  }

  /** @return the binary v1 tag byte (0–14), which is also the rank of the type in the total order */
  public int tag() {
    return tag;
  }

  /** @return the JSON v1 {@code @data-type} name, e.g. {@code "enum-value"} */
  public String jsonName() {
    return jsonName;
  }

  /**
   * @param tag a binary v1 tag byte
   * @return the type with that tag, or {@code null} when the tag is unknown
   */
  public static DataType fromTag(int tag) {
    return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
  }

  /**
   * @param name a JSON v1 {@code @data-type} name
   * @return the type with that name, or {@code null} when the name is unknown
   */
  public static DataType fromJsonName(String name) {
    for (DataType t : BY_TAG) {
      if (t.jsonName.equals(name)) {
        return t;
      }
    }
    return null;
  }
}
