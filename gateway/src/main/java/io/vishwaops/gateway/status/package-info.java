@NullMarked
package io.vishwaops.gateway.status;

import org.jspecify.annotations.NullMarked;
