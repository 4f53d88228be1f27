/** What the web console needs from the gateway itself: its address and the caller's name and roles. */
@NullMarked
package io.vishwaops.gateway.console;

import org.jspecify.annotations.NullMarked;
