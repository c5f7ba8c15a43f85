package dev.ossagent.transfer;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSSException;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.TransferSettings;
import dev.ossagent.failure.ErrorKind;
import dev.ossagent.failure.ErrorText;
import dev.ossagent.failure.Unreachable;
import dev.ossagent.log.AgentLog;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The agent's one retry layer. The SDK's own retries are off ({@code maxErrorRetry=0}, see
 * {@link OssClients}), so a request is sent at most {@code ossagent.retry.max-attempts} times and a wrong
 * key costs exactly one request. Each retry re-signs the request (the SDK signs once per call), which is
 * what lets a corrected clock help after RequestTimeTooSkewed.
 * <p>
 * What the endpoint did before changes the bound ({@link EndpointState}): one that never answered in this JVM
 * and refuses the connection gets two tries, once for the whole JVM (a wrong endpoint, most likely); one that has
 * answered is in an outage, and connectivity failures are retried until {@code ossagent.retry.max-time} however
 * many attempts that takes (the exit deadline cuts it shorter at JVM exit).
 */
final class Retrier {
    /** Waits between attempts; tests replace it to run without real pauses. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private static final long MAX_BACKOFF_MILLIS = 30_000;
    /** An endpoint that never answered and refuses: one retry in case it is just starting, then it is a setting. */
    private static final int NEVER_ANSWERED_ATTEMPTS = 2;
    private static final long MIN_OUTAGE_PAUSE_MILLIS = 100;

    private final int maxAttempts;
    private final long maxRetryMillis;
    private final long firstBackoffMillis;
    private final Sleeper sleeper;
    /** Each attempt holds one connection slot while it runs; never during a backoff. */
    private final ConnectionSlots slots;
    private final TokenRenewal renewal;
    private final PlanAbort abort;
    private final EndpointState endpoint;

    /** @param abort once aborted, a failed request is not sent again */
    Retrier(TransferSettings settings, ConnectionSlots slots, TokenRenewal renewal, EndpointState endpoint,
            PlanAbort abort) {
        this(settings.maxAttempts(), settings.maxRetryTime().toMillis(), settings.backoff().toMillis(), Thread::sleep,
                slots, renewal, endpoint, abort);
    }

    Retrier(int maxAttempts, long maxRetryMillis, long firstBackoffMillis, Sleeper sleeper) {
        this(maxAttempts, maxRetryMillis, firstBackoffMillis, sleeper, TokenRenewal.NONE);
    }

    Retrier(int maxAttempts, long maxRetryMillis, long firstBackoffMillis, Sleeper sleeper, TokenRenewal renewal) {
        this(maxAttempts, maxRetryMillis, firstBackoffMillis, sleeper, renewal, freshEndpoint());
    }

    Retrier(int maxAttempts, long maxRetryMillis, long firstBackoffMillis, Sleeper sleeper, TokenRenewal renewal,
            EndpointState endpoint) {
        this(maxAttempts, maxRetryMillis, firstBackoffMillis, sleeper, new ConnectionSlots(Integer.MAX_VALUE), renewal,
                endpoint, new PlanAbort());
    }

    /** Tests of the plain retry rules: an endpoint of their own, that has not answered yet. */
    private static EndpointState freshEndpoint() {
        return new EndpointState("test");
    }

    private Retrier(int maxAttempts, long maxRetryMillis, long firstBackoffMillis, Sleeper sleeper,
                    ConnectionSlots slots, TokenRenewal renewal, EndpointState endpoint, PlanAbort abort) {
        this.abort = abort;
        this.maxAttempts = maxAttempts;
        this.maxRetryMillis = maxRetryMillis;
        this.firstBackoffMillis = firstBackoffMillis;
        this.sleeper = sleeper;
        this.slots = slots;
        this.renewal = renewal;
        this.endpoint = endpoint;
    }

    EndpointState endpoint() {
        return endpoint;
    }

    /**
     * Runs {@code request} until it succeeds, fails for a reason retrying cannot fix, or the attempts or the
     * time are used up; then throws its last failure unchanged, for the caller to explain.
     *
     * @param what names the request in the log, e.g. "PUT hktech-agent-models/models/a.pt"
     */
    <T> T call(String what, Supplier<T> request) {
        long firstFailure = 0;
        boolean skewRetried = false;
        int tokenRefusals = 0;
        int freshRefusals = 0;
        // Never answered and given up on (said once): each later request gets one quiet try, no retries, so a
        // network that comes up late still carries the next checkpoint.
        boolean givenUp = endpoint.givenUp();
        for (int attempt = 1; ; attempt++) {
            Object signedWith = renewal.current();
            try {
                T result = slots.call(request);
                endpoint.answered();
                return result;
            } catch (RuntimeException e) {
                abort.check(); // an aborted upload's failed request is not sent again
                if (e instanceof OSSException) {
                    endpoint.answered();
                }
                String expired = TokenRenewal.rejectedToken(e);
                if (expired != null) {
                    // Temporary credentials expired or were revoked early: renew and send it again; a renewed token
                    // refused as well (issued near a slow request) is renewed again, with the back-off, within the
                    // attempts.
                    tokenRefusals++;
                    freshRefusals += renewal.hadMostOfLifetime(signedWith) ? 1 : 0;
                    boolean renewed = attempt < maxAttempts && renewal.renew(signedWith, expired);
                    if (attempt < maxAttempts && (renewed || tokenRefusals > 1)) {
                        if (tokenRefusals == 1) {
                            AgentLog.warn(what + " was refused (" + expired + "); sending it again with renewed"
                                    + " credentials");
                        } else {
                            long pause = backoffMillis(tokenRefusals - 1);
                            AgentLog.warn(String.format(Locale.ROOT, "%s was refused again (%s); renewing and sending"
                                    + " it again in %.1f s (retry %d of %d)", what, expired, pause / 1000.0, attempt,
                                    maxAttempts - 1));
                            pause(pause, e);
                        }
                        continue;
                    }
                    if (tokenRefusals > 1 && freshRefusals == tokenRefusals) {
                        // Every refused token had most of its lifetime left: the clock here, not the tokens.
                        String offset = renewal.clockOffset();
                        AgentLog.error(what + ": OSS refused " + tokenRefusals + " security tokens in a row as "
                                + expired + " although each had most of its lifetime left; check this machine's clock"
                                + (offset == null ? "" : " (" + offset + ")"));
                    }
                }
                ErrorKind kind = ErrorKind.of(e);
                long now = System.currentTimeMillis();
                firstFailure = firstFailure == 0 ? now : firstFailure;
                if (kind == ErrorKind.CLOCK_SKEW && !skewRetried) {
                    // The SDK read the server's time from the error; the next signature uses it.
                    skewRetried = true;
                    AgentLog.warn("the clock here differs from the server's (RequestTimeTooSkewed); " + what
                            + " is signed again with the server's time");
                    continue;
                }
                String unreachable = e instanceof ClientException ? Unreachable.why(e) : null;
                if (unreachable != null && !endpoint.everAnswered() && Unreachable.noAnswer(e)) {
                    if (givenUp || kind != ErrorKind.TRANSIENT || attempt >= NEVER_ANSWERED_ATTEMPTS) {
                        endpoint.giveUp(e);
                        throw e;
                    }
                    AgentLog.warn(what + " failed (" + unreachable + "); " + endpoint.url() + " has not answered yet,"
                            + " one more try");
                    pause(backoffMillis(1), e);
                    continue;
                }
                // Answered before: refused, reset, unknown host, timeouts are an outage to wait out.
                boolean outage = unreachable != null && endpoint.everAnswered() && !Unreachable.tls(e);
                if (kind != ErrorKind.TRANSIENT && !outage) {
                    throw e;
                }
                // An outage is waited out by time, not by count: never spin on a zero back-off.
                long pause = outage ? Math.max(MIN_OUTAGE_PAUSE_MILLIS, backoffMillis(attempt)) : backoffMillis(attempt);
                if ((attempt >= maxAttempts && !outage) || now + pause - firstFailure > maxRetryMillis) {
                    AgentLog.warn(what + " failed " + attempt + (attempt == 1 ? " time" : " times") + " ("
                            + ErrorText.of(e) + "); giving up on it");
                    throw e;
                }
                if (outage) {
                    endpoint.unreachable(firstFailure, now + pause, unreachable);
                    if (attempt == 1 || attempt % 10 == 0) {
                        AgentLog.warn(String.format(Locale.ROOT, "%s failed (%s); OSS answered before, so this is"
                                + " retried until %s=%d s: next try in %.1f s", what, ErrorText.of(e),
                                SettingNames.RETRY_MAX_TIME, maxRetryMillis / 1000, pause / 1000.0));
                    }
                } else {
                    AgentLog.warn(String.format(Locale.ROOT, "%s failed (%s); retry %d of %d in %.1f s", what,
                            ErrorText.of(e), attempt, maxAttempts - 1, pause / 1000.0));
                }
                pause(pause, e);
            }
        }
    }

    /** Exponential backoff with jitter: half of the doubled delay fixed, half random, capped at 30 s. */
    long backoffMillis(int attempt) {
        long delay = firstBackoffMillis;
        for (int i = 1; i < attempt && delay < MAX_BACKOFF_MILLIS; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, Math.max(MAX_BACKOFF_MILLIS, firstBackoffMillis));
        long half = delay / 2;
        return half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0);
    }

    private void pause(long millis, RuntimeException last) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw last;
        }
    }
}
