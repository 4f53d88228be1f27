@NullMarked
package io.vishwaops.gateway.routing;

import org.jspecify.annotations.NullMarked;
