package io.vishwaops.mlcore.train;

/** A trainer whose native library (OpenBLAS for Smile's MLP) cannot be loaded on this machine. */
public final class NativeLibraryUnavailableException extends IllegalStateException {

    NativeLibraryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
