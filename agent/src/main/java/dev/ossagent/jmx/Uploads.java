package dev.ossagent.jmx;

import dev.ossagent.transfer.UploadProgress;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * {@code ossagent.jmx}: the agent's totals as the MBean {@code dev.ossagent:type=Uploads} in the platform MBean
 * server, where jmx_exporter and JConsole look. It only reads {@link UploadProgress}; nothing here is loaded unless
 * the setting (or its default) asks for it, so a JVM without JMX gets no {@code java.lang.management} from us.
 */
public final class Uploads implements UploadsMBean {
    public static final String NAME = "dev.ossagent:type=Uploads";

    private final UploadProgress progress;

    private Uploads(UploadProgress progress) {
        this.progress = progress;
    }

    /** Registers the bean, replacing one an earlier agent in this JVM left; throws when JMX refuses it. */
    public static void register(UploadProgress progress) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(NAME);
        try {
            server.registerMBean(new Uploads(progress), name);
        } catch (InstanceAlreadyExistsException e) {
            server.unregisterMBean(name);
            server.registerMBean(new Uploads(progress), name);
        }
        progress.watched();
    }

    @Override public long getFilesPlanned() { return progress.filesPlanned(); }
    @Override public long getBytesPlanned() { return progress.bytesPlanned(); }
    @Override public long getFilesSent() { return progress.filesSent(); }
    @Override public long getBytesSent() { return progress.bytesSent(); }
    @Override public long getFilesVerified() { return progress.filesVerified(); }
    @Override public long getBytesVerified() { return progress.bytesVerified(); }
    @Override public long getFilesFailed() { return progress.filesFailed(); }
    @Override public long getBytesFailed() { return progress.bytesFailed(); }
    @Override public long getFilesInFlight() { return progress.filesInFlight(); }
    @Override public long getBytesInFlight() { return progress.bytesInFlight(); }
    @Override public long getFilesPending() { return progress.filesLeft(); }
    @Override public long getBytesPending() { return progress.bytesLeft(); }
    @Override public double getSecondsSinceLastVerified() { return progress.secondsSinceLastVerified(); }
    @Override public String getLastFailureKind() { return progress.lastFailureKind(); }
    @Override public String getRunId() { return progress.currentRun(); }
    @Override public boolean isExitPending() { return progress.isExitPending(); }
    @Override public String getCredentialsExpiry() { return progress.credentialsExpiry(); }

    @Override
    public double getCredentialsExpirySeconds() {
        String expiry = progress.credentialsExpiry();
        return expiry == null ? -1 : (Instant.parse(expiry).toEpochMilli() - System.currentTimeMillis()) / 1000.0;
    }
}
