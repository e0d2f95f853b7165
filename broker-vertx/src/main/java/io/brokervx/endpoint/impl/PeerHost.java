package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.StatusCode;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.impl.wire.ByteBudget;
import io.brokervx.error.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;

/** What a {@link PeerConnection} needs from its endpoint: identity, settings, and where to report. */
interface PeerHost {
  UUID localId();

  Vertx vertx();

  Context context();

  EndpointOptions options();

  /** @return the bytes all connections may hold of unfinished frames */
  ByteBudget frameBudget();

  /** @return the bytes all peers may let pile up of control frames */
  ByteBudget controlBudget();

  /** @return whether {@code c}, whose peer id was just learned, is the connection to keep */
  boolean acceptPeer(PeerConnection c);

  /** @return the topic filter to advertise to {@code c} (handshake and Broker routing updates) */
  List<String> filterFor(PeerConnection c);

  /** {@code c} completed its handshake. */
  void established(PeerConnection c);

  /** {@code c} received a phase-3 message. */
  void received(PeerConnection c, Envelope e);

  /** {@code c} closed; {@code status} null means silently (a redundant connection). */
  void closed(PeerConnection c, boolean wasEstablished, StatusCode status, ErrorCode error, String why);

  /** {@code c}'s output buffer crossed half its capacity ({@code true}) or fell back below it. */
  void congestion(PeerConnection c, boolean congested);
}
