/**
 * Deployable verticles (endpoint, store master and clone, a whole node), the event-bus bridge between
 * topics and addresses, and the store service proxies (vertx-codegen).
 */
@ModuleGen(name = "broker-verticles", groupPackage = "io.brokervx")
package io.brokervx.verticle;

import io.vertx.codegen.annotations.ModuleGen;
