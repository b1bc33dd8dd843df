package org.ipythonblocks.legacy;

/** Why a row of the input cannot be imported; the message is the reason written to the rejects file. */
final class RowProblem extends Exception {

    RowProblem(String reason) {
        super(reason, null, false, false);
    }
}
