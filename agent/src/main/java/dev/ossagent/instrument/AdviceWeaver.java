package dev.ossagent.instrument;

import dev.ossagent.log.AgentLog;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Weaves the {@link TrainBridge} calls into the target methods of one class file. Loaded only when a
 * target class loads. Plain ASM rather than Byte Buddy's advice: the woven code is the same in
 * spirit (inlined, every Throwable of the agent swallowed, no member added), but a cold weave loads
 * a few dozen classes instead of over a thousand (see bench/).
 */
final class AdviceWeaver {
    private AdviceWeaver() {
    }

    /** The new class file, or null to leave the class as it is. */
    static byte[] weave(String className, byte[] classFile, String method) {
        ClassReader reader = new ClassReader(classFile);
        TargetScan scan = TargetScan.of(reader, method);
        for (String descriptor : scan.notReturningReference) {
            AgentLog.warn(className + "#" + method + descriptor + " returns "
                    + Type.getReturnType(descriptor).getClassName() + ", not a path; it is not instrumented."
                    + " Return the model path (String, Path, File or URI) from " + method + "(...)");
        }
        if (scan.maxLocals.isEmpty()) {
            if (scan.found == 0) {
                // Those that return void or a primitive have had their own line above.
                AgentLog.warn(className + " declares no " + method + "(...) method; nothing to instrument."
                        + " Check ossagent.target.method");
            }
            return null;
        }
        if (scan.version < Opcodes.V1_5) {
            AgentLog.warn(className + " is compiled for Java 1.4 or older; it is not instrumented");
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new TrainClassWeaver(writer, method, scan.maxLocals, scan.version >= Opcodes.V1_6),
                ClassReader.EXPAND_FRAMES);
        byte[] woven = writer.toByteArray();
        int advised = scan.maxLocals.size();
        AgentLog.info("instrumented " + className + "#" + method + " (" + advised + " method"
                + (advised == 1 ? "" : "s") + ")");
        return woven;
    }
}
