package io.brokervx.store.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brokervx.data.Data;
import io.brokervx.data.DataType;
import io.brokervx.store.impl.protocol.EntityId;
import io.brokervx.store.impl.protocol.StoreCommand;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Our operations as Broker's store commands, and back: what a master learns from each writer's command. */
class CommandsTest {
  private static final EntityId ME = new EntityId(UUID.randomUUID(), 7);
  private static final Data K = Data.string("k");
  private static final long MINUTE = Duration.ofMinutes(1).toNanos();

  private static Mutation m(Mutation.Op op, Data... args) {
    return new Mutation(op, op == Mutation.Op.CLEAR ? Data.none() : K, List.of(args), MINUTE);
  }

  @Test
  void everyOperationSurvivesTheTripThroughBrokersCommands() {
    Data vector = Data.vector(Data.count(1), Data.count(2));
    Object[][] cases = {
        {m(Mutation.Op.PUT, Data.count(1)), null},
        {m(Mutation.Op.PUT_UNIQUE, Data.count(1)), null},
        {m(Mutation.Op.INCREMENT, Data.integer(-3)), null},
        {m(Mutation.Op.INCREMENT, Data.timespan(5)), null},
        {m(Mutation.Op.DECREMENT, Data.real(1.5)), Data.real(9)},
        {m(Mutation.Op.APPEND, Data.string("x")), null},
        {m(Mutation.Op.INSERT_INTO, Data.string("e")), null},
        {m(Mutation.Op.INSERT_INTO, Data.string("i"), Data.count(4)), null},
        {m(Mutation.Op.REMOVE_FROM, Data.string("e")), Data.set(Data.string("e"))},
        {m(Mutation.Op.REMOVE_FROM, Data.count(0)), vector},
        {m(Mutation.Op.PUSH, Data.count(3)), vector},
        {m(Mutation.Op.POP), vector},
    };
    for (Object[] c : cases) {
      Mutation sent = (Mutation) c[0];
      assertEquals(sent, Commands.toMutation(Commands.toAction(sent, ME, 1), (Data) c[1]), sent.op().toString());
    }
    Mutation erase = new Mutation(Mutation.Op.ERASE, K, List.of(), -1);
    assertEquals(erase, Commands.toMutation(Commands.toAction(erase, ME, 1), null));
    Mutation clear = new Mutation(Mutation.Op.CLEAR, Data.none(), List.of(), -1);
    assertEquals(clear, Commands.toMutation(Commands.toAction(clear, ME, 1), null));
  }

  @Test
  void theCommandsAreThoseOfBrokersApi() {
    assertEquals(new StoreCommand.Add(K, Data.count(2), DataType.COUNT, null, ME),
        Commands.toAction(new Mutation(Mutation.Op.INCREMENT, K, List.of(Data.count(2)), -1), ME, 1));
    assertEquals(new StoreCommand.Add(K, Data.timespan(2), DataType.TIMESTAMP, null, ME),
        Commands.toAction(new Mutation(Mutation.Op.INCREMENT, K, List.of(Data.timespan(2)), -1), ME, 1),
        "a timespan starts a timestamp");
    assertEquals(new StoreCommand.Add(K, Data.vector(Data.string("i"), Data.count(1)), DataType.TABLE, null, ME),
        Commands.toAction(new Mutation(Mutation.Op.INSERT_INTO, K, List.of(Data.string("i"), Data.count(1)), -1), ME, 1));
    assertEquals(new StoreCommand.Subtract(K, K, null, ME),
        Commands.toAction(new Mutation(Mutation.Op.POP, K, List.of(), -1), ME, 1), "pop subtracts the key itself");
    assertEquals(new StoreCommand.PutUnique(K, Data.count(1), Duration.ofMinutes(1), ME, 42, ME),
        Commands.toAction(m(Mutation.Op.PUT_UNIQUE, Data.count(1)), ME, 42));
  }

  @Test
  void anAddToATableWithoutAPairIsRefused() {
    StoreCommand.Add bad = new StoreCommand.Add(K, Data.count(1), DataType.TABLE, null, ME);
    assertThrows(IllegalArgumentException.class, () -> Commands.toMutation(bad, null));
  }
}
