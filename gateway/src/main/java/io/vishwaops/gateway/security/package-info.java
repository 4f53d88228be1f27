@NullMarked
package io.vishwaops.gateway.security;

import org.jspecify.annotations.NullMarked;
