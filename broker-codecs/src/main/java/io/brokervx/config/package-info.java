/** Reading configuration: the strict JSON reader every options class uses, and durations. */
package io.brokervx.config;
