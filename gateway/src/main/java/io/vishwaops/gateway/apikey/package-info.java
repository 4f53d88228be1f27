@NullMarked
package io.vishwaops.gateway.apikey;

import org.jspecify.annotations.NullMarked;
