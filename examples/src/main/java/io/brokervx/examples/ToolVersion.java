package io.brokervx.examples;

import io.brokervx.verticle.Versions;
import picocli.CommandLine.IVersionProvider;

/** {@code --version} of the tools: the project version, the wire protocol versions, Vert.x and Java. */
final class ToolVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return Versions.describe("broker-tools").toArray(new String[0]);
  }
}
