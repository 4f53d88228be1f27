@NullMarked
package io.vishwaops.identity;

import org.jspecify.annotations.NullMarked;
