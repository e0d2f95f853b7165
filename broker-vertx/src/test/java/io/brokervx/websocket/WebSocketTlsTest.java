package io.brokervx.websocket;

import static io.brokervx.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.AuthorizationRule;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.TlsOptions;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.test.Inbox;
import io.brokervx.test.PlainEndpoints;
import io.brokervx.test.TestCertificates;
import io.brokervx.test.TestCertificates.KeyForm;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss} with client certificates: a client without one is refused, and the authorization rules apply to a
 * client by its certificate subject (what it may publish and receive).
 */
@ExtendWith(VertxExtension.class)
class WebSocketTlsTest {
  private static final String ALICE = "CN=alice,O=broker-vertx tests";

  @TempDir
  Path dir;

  @Test
  void clientCertificatesAreVerifiedAndTheRulesApplyBySubject(Vertx vertx) throws Exception {
    TestCertificates pki = TestCertificates.createCa(dir, "ws-ca");
    TlsOptions server = pki.issue("server", true, KeyForm.PLAIN_PKCS8);
    TlsOptions alice = pki.issue("alice", false, KeyForm.PLAIN_PKCS8);
    Endpoint endpoint = Endpoint.create(vertx, PlainEndpoints.plaintext().setAuthorization(List.of(
        new AuthorizationRule().setIdentity(ALICE).setPublish(List.of("/a")).setSubscribe(List.of("/b")))));
    ZeekWebSocketServer ws = await(ZeekWebSocketServer.start(endpoint, new WebSocketServerOptions().setPort(0)
        .setTls(new WebSocketTlsOptions().setCertificate(server.getCertificate()).setKey(server.getKey())
            .setCafile(pki.caFile().toString()).setVerifyPeer(true))));
    String url = "wss://127.0.0.1:" + ws.actualPort() + ZeekWebSocketServer.PATH;
    assertTrue(ws.isSsl());
    try (PythonWsClient anonymous = PythonWsClient.connect(url, "--cafile", pki.caFile().toString());
        PythonWsClient a = PythonWsClient.connect(url, "--cafile", pki.caFile().toString(),
            "--cert", alice.getCertificate(), "--key", alice.getKey())) {
      assertTrue(anonymous.opening().startsWith("refused") || anonymous.recv(30).startsWith("closed"),
          "a client without a certificate gets nowhere");
      assertEquals("open", a.opening());
      a.send("[\"/\"]");
      assertTrue(a.message().contains("\"ack\""));
      assertEquals(ALICE, ws.clients().get(0).subject());

      Inbox<DataMessage> local = Inbox.of(endpoint.subscribe("/"));
      a.send(JsonFormat.encodeMessage("/c/denied", Data.count(1)).encode());
      assertEquals("msg {\"type\":\"error\",\"code\":\"invalid_topic_key\",\"context\":"
          + "\"not authorized to publish on this topic\"}", a.recv(30));
      a.send(JsonFormat.encodeMessage("/a/ok", Data.count(2)).encode());
      assertEquals(List.of(new DataMessage("/a/ok", Data.count(2))), local.awaitSize(1));

      EndpointPort port = EndpointPort.of(endpoint);
      port.publishFrom(null, "/c/hidden", Data.count(3));
      port.publishFrom(null, "/b/shown", Data.count(4));
      assertEquals(new DataMessage("/b/shown", Data.count(4)), JsonFormat.decodeMessage(a.message()));
    }
    await(endpoint.close());
  }
}
