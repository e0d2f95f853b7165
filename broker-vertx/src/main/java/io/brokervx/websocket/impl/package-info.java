/** Implementation of the WebSocket API server and client; not a supported API. */
package io.brokervx.websocket.impl;
