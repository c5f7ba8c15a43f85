package dev.ossagent.instrument;

import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The second pass: hands each method found by {@link TargetScan} to a {@link TrainMethodWeaver}. */
final class TrainClassWeaver extends ClassVisitor {
    private final String method;
    private final Map<String, Integer> maxLocals;
    private final boolean frames;
    private String owner;

    TrainClassWeaver(ClassVisitor next, String method, Map<String, Integer> maxLocals, boolean frames) {
        super(Opcodes.ASM9, next);
        this.method = method;
        this.maxLocals = maxLocals;
        this.frames = frames;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        owner = name;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        Integer locals = name.equals(method) ? maxLocals.get(descriptor) : null;
        if (locals == null) {
            return next;
        }
        return TrainMethodWeaver.create(next, owner, access, name, descriptor, locals, frames);
    }
}
