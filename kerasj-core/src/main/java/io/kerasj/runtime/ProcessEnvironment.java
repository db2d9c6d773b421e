package io.kerasj.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/** Sets a variable in this process's own environment, where native code reads it, through the C library. */
final class ProcessEnvironment {

    private ProcessEnvironment() {
    }

    /** The POSIX C library's environment call. */
    interface PosixC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** The Windows C runtime's environment call. */
    interface WindowsC extends Library {
        int _putenv_s(String name, String value);
    }

    /**
     * Sets {@code name=value} for this process.
     *
     * @return true when the C library accepted it; false where it could not be called (the runtime then keeps its
     *     own default)
     */
    static boolean set(String name, String value) {
        try {
            int status = Platform.isWindows()
                    ? Native.load("msvcrt", WindowsC.class)._putenv_s(name, value)
                    : Native.load("c", PosixC.class).setenv(name, value, 1);
            return status == 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }
}
