package org.r1j.model.backend;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link TensorContract} on every backend in the matrix (a new backend passes this before the model suites). */
class TensorContractTest {
    private static final String CASES = "org.r1j.model.backend.BackendCases#all";

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void hostCopiesRoundTrip(BackendCases bc) {
        TensorContract.hostCopiesRoundTrip(bc.backend(), bc.dtype());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void viewsShareMemoryAndOpsWriteThroughThem(BackendCases bc) {
        TensorContract.viewsShareMemoryAndOpsWriteThroughThem(bc.backend(), bc.dtype());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void elementWiseHelpers(BackendCases bc) {
        TensorContract.elementWiseHelpers(bc.backend(), bc.dtype());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void closingViewsNeverFreesTheOwner(BackendCases bc) {
        TensorContract.closingViewsNeverFreesTheOwner(bc.backend(), bc.dtype());
    }
}
