package dev.ossagent.instrument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The first, read-only pass over a target class file: which {@code train} methods it declares,
 * which of them return a reference (and so can return a path), and how many local slots each
 * uses (the woven code keeps the returned value in the next free one).
 */
final class TargetScan extends ClassVisitor {
    private final String method;
    /** Method descriptor of each method to weave, with its max_locals. */
    final Map<String, Integer> maxLocals = new HashMap<>();
    /** Declared, non-abstract methods of that name, woven or not. */
    int found;
    /** Methods of that name that return void or a primitive, as {@code name+descriptor}. */
    final List<String> notReturningReference = new ArrayList<>();
    int version;

    private TargetScan(String method) {
        super(Opcodes.ASM9);
        this.method = method;
    }

    static TargetScan of(ClassReader reader, String method) {
        TargetScan scan = new TargetScan(method);
        reader.accept(scan, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return scan;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.version = version & 0xFFFF;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, final String descriptor, String signature,
                                     String[] exceptions) {
        if (!name.equals(method) || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE)) != 0) {
            return null;
        }
        found++;
        int sort = Type.getReturnType(descriptor).getSort();
        if (sort != Type.OBJECT && sort != Type.ARRAY) {
            notReturningReference.add(descriptor);
            return null;
        }
        return new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitMaxs(int maxStack, int locals) {
                maxLocals.put(descriptor, locals);
            }
        };
    }
}
