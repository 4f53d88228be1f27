@NullMarked
package io.vishwaops.gateway.system;

import org.jspecify.annotations.NullMarked;
