package ai.tock.community.channel.gitter;

import java.util.OptionalLong;

/** A Matrix call that the homeserver answered with an error, or with a body that could not be read. */
public final class MatrixException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** Not a Matrix code: marks a 2xx answer whose body could not be read. */
    public static final String MALFORMED_RESPONSE = "M_MALFORMED_RESPONSE";
    public static final String UNKNOWN_TOKEN = "M_UNKNOWN_TOKEN";

    private final int status;
    private final String errcode;
    private final long retryAfterMs;

    /** @param retryAfterMs how long the server asked us to wait, or a negative number when it did not say */
    public MatrixException(int status, String errcode, long retryAfterMs, String message) {
        super(message);
        this.status = status;
        this.errcode = errcode;
        this.retryAfterMs = retryAfterMs;
    }

    public int status() {
        return status;
    }

    public String errcode() {
        return errcode;
    }

    public OptionalLong retryAfterMs() {
        return retryAfterMs < 0 ? OptionalLong.empty() : OptionalLong.of(retryAfterMs);
    }

    /** The token is wrong, expired or revoked: retrying cannot help. */
    public boolean isTokenRejected() {
        return status == 401 || UNKNOWN_TOKEN.equals(errcode);
    }

    public boolean isRateLimited() {
        return status == 429;
    }

    /** Worth retrying later, with the same transaction id for sends. */
    public boolean isTransient() {
        return status == 429 || status >= 500 || MALFORMED_RESPONSE.equals(errcode);
    }
}
