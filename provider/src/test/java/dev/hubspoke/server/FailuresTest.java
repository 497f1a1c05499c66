package dev.hubspoke.server;

import dev.hubspoke.net.InvalidNetworkException;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailuresTest {

    private static final InvalidNetworkException USER_ERROR = new InvalidNetworkException(
            "SpokeVpc", "app", "cidrBlock", "10.0.0.0/33", "is not a CIDR block", "use a prefix of 16 to 28");

    @Test
    void aUserErrorIsInvalidArgumentWithItsOwnMessage() {
        var status = Failures.toStatus("Construct", USER_ERROR).getStatus();
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertEquals(USER_ERROR.getMessage(), status.getDescription());
    }

    @Test
    void aUserErrorIsFoundUnderTheWrappersTheSdkAndFuturesAdd() {
        var wrapped = new CompletionException(new RuntimeException("Multiple exceptions occurred"));
        wrapped.getCause().addSuppressed(new IllegalStateException("other"));
        wrapped.getCause().addSuppressed(new RuntimeException(USER_ERROR));
        var status = Failures.toStatus("Construct", wrapped).getStatus();
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertEquals(USER_ERROR.getMessage(), status.getDescription());
    }

    @Test
    void anythingElseIsInternalNamingTheCallTheExceptionAndItsMessage() {
        var status = Failures.toStatus("Construct of hubspoke:index:Hub 'hub'",
                new CompletionException(new IllegalStateException("no route table"))).getStatus();
        assertEquals(Status.Code.INTERNAL, status.getCode());
        assertEquals("Construct of hubspoke:index:Hub 'hub' failed: IllegalStateException: no route table",
                status.getDescription());
    }

    @Test
    void severalFailuresReportedAsOneNameEachOfThem() {
        var composite = new RuntimeException("Multiple exceptions occurred");
        composite.addSuppressed(new CompletionException(new IllegalStateException("monitor gone")));
        composite.addSuppressed(new IllegalArgumentException("bad id"));
        composite.addSuppressed(new IllegalArgumentException("bad id"));
        var status = Failures.toStatus("Construct of hubspoke:index:Hub 'hub'", composite).getStatus();
        assertEquals("Construct of hubspoke:index:Hub 'hub' failed: RuntimeException: Multiple exceptions occurred"
                + " [IllegalStateException: monitor gone; IllegalArgumentException: bad id]", status.getDescription());
    }
}
