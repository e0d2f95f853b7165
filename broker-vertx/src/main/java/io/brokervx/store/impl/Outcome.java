package io.brokervx.store.impl;

import io.brokervx.data.Data;
import io.brokervx.error.ErrorCode;

/**
 * What a mutation does to one key: write a new entry, delete it, or nothing; plus its answer (only
 * put_unique has one) or the error that rejected it.
 *
 * @param effect the change to the key
 * @param entry the new entry when {@code effect} is {@link Effect#WRITE}
 * @param answer the answer to the writer ({@code none} when the operation has none)
 * @param error the rejection, or {@link ErrorCode#NONE}
 * @param detail a description of the rejection
 */
record Outcome(Effect effect, Entry entry, Data answer, ErrorCode error, String detail) {
  /** The change to the key. */
  public enum Effect { WRITE, DELETE, NONE }

  static Outcome write(Data value, long expiresAt) {
    return new Outcome(Effect.WRITE, new Entry(value, expiresAt), Data.none(), ErrorCode.NONE, null);
  }

  static Outcome write(Data value, long expiresAt, Data answer) {
    return new Outcome(Effect.WRITE, new Entry(value, expiresAt), answer, ErrorCode.NONE, null);
  }

  static Outcome delete() {
    return new Outcome(Effect.DELETE, null, Data.none(), ErrorCode.NONE, null);
  }

  static Outcome none(Data answer) {
    return new Outcome(Effect.NONE, null, answer, ErrorCode.NONE, null);
  }

  static Outcome fail(ErrorCode error, String detail) {
    return new Outcome(Effect.NONE, null, Data.none(), error, detail);
  }

  /** @return whether the mutation was rejected */
  public boolean failed() {
    return error != ErrorCode.NONE;
  }
}
