import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;

/**
 * CRC-64/ECMA throughput of the agent's Crc64 and of the SDK's CRC64 (both taken from the shaded agent jar on
 * the class path, by reflection), over one in-memory buffer of BLOCK_KIB KiB hashed again and again, as an upload
 * hashes its 128 KiB read blocks. Prints GB/s (10^9 bytes per second of this thread's CPU time) per implementation: the median of ROUNDS rounds
 * after a warm-up, the two interleaved. Also checks both give the same CRC; and the JDK's SHA-256 (its intrinsic,
 * where the processor has one), the other hash every uploaded byte goes through.
 * Usage: java -cp oss-agent.jar Crc64Bench.java [MIB_PER_ROUND] [ROUNDS] [BLOCK_KIB]
 */
public final class Crc64Bench {
    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 512;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int blockKib = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        byte[] block = new byte[blockKib * 1024];
        new Random(1).nextBytes(block);
        long blocks = mib * 1024 / blockKib;

        Method ours = Class.forName("dev.ossagent.integrity.Crc64")
                .getDeclaredMethod("update", long.class, byte[].class, int.class, int.class);
        ours.setAccessible(true);
        Class<?> sdkClass = Class.forName("dev.ossagent.shaded.com.aliyun.oss.common.utils.CRC64");
        Method sdkUpdate = sdkClass.getMethod("update", byte[].class, int.class);
        Method sdkValue = sdkClass.getMethod("getValue");

        Object sdk = sdkClass.getConstructor().newInstance();
        sdkUpdate.invoke(sdk, block, block.length);
        long a = (long) ours.invoke(null, 0L, block, 0, block.length);
        long b = (long) sdkValue.invoke(sdk);
        if (a != b) {
            throw new AssertionError("the two CRC64s differ: " + Long.toUnsignedString(a) + " vs " + Long.toUnsignedString(b));
        }

        // CPU time of this thread, not wall time: one core's GB/s, which other load on the machine disturbs less
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] oursGbs = new double[rounds];
        double[] sdkGbs = new double[rounds];
        double[] shaGbs = new double[rounds];
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        for (int r = -2; r < rounds; r++) { // two warm-up rounds
            long t0 = cpu.getCurrentThreadCpuTime();
            long crc = 0;
            for (long i = 0; i < blocks; i++) {
                crc = (long) ours.invoke(null, crc, block, 0, block.length);
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            Object s = sdkClass.getConstructor().newInstance();
            for (long i = 0; i < blocks; i++) {
                sdkUpdate.invoke(s, block, block.length);
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            for (long i = 0; i < blocks; i++) {
                sha.update(block, 0, block.length);
            }
            sha.digest();
            long t3 = cpu.getCurrentThreadCpuTime();
            if (crc != (long) sdkValue.invoke(s)) {
                throw new AssertionError("the two CRC64s differ");
            }
            if (r >= 0) {
                oursGbs[r] = blocks * block.length / (double) (t1 - t0);
                sdkGbs[r] = blocks * block.length / (double) (t2 - t1);
                shaGbs[r] = blocks * block.length / (double) (t3 - t2);
            }
        }
        System.out.printf("CRC-64/ECMA over %d MiB per round in %d KiB blocks, median of %d rounds (min-max), GB/s%n",
                mib, blockKib, rounds);
        System.out.printf("agent Crc64 (slice-by-8, three lanes): %s%n", stats(oursGbs));
        System.out.printf("SDK CRC64 (slice-by-8):                 %s%n", stats(sdkGbs));
        System.out.printf("JDK SHA-256:                            %s%n", stats(shaGbs));
    }

    private static String stats(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return String.format("%.2f (%.2f-%.2f)", median, s[0], s[s.length - 1]);
    }
}
