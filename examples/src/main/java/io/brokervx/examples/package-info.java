/** Runnable examples and the command-line tools of {@code broker-tools.jar}. */
package io.brokervx.examples;
