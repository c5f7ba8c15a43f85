package dev.ossagent.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Emits the two calls the woven trainer makes into {@link TrainBridge}. They use JDK types only:
 * the trainer's class loader may see nothing of the agent, so the bridge is found by name through
 * the system class loader (which loaded the agent jar) and called reflectively. The caller wraps
 * each emitted call in a handler that swallows any Throwable.
 */
final class BridgeCall {
    private static final String BRIDGE = "dev.ossagent.instrument.TrainBridge";
    private static final String OBJECT = "java/lang/Object";
    private static final String CLASS = "java/lang/Class";

    private BridgeCall() {
    }

    /** {@code TrainBridge.enter()}. Stack: unchanged. */
    static void enter(MethodVisitor mv) {
        bridgeMethod(mv, "enter");
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
        invoke(mv);
    }

    /**
     * {@code TrainBridge.exit(returned, thrown, trainerClass, method)}, the two values read from
     * local slots (a negative slot passes null). Stack: unchanged.
     */
    static void exit(MethodVisitor mv, int returnedSlot, int thrownSlot, String trainerClass, String method) {
        bridgeMethod(mv, "exit", OBJECT, "java/lang/Throwable", "java/lang/String", "java/lang/String");
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitInsn(Opcodes.ICONST_4);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
        element(mv, 0, returnedSlot);
        element(mv, 1, thrownSlot);
        element(mv, 2, trainerClass);
        element(mv, 3, method);
        invoke(mv);
    }

    /** Pushes {@code ClassLoader.getSystemClassLoader().loadClass(BRIDGE).getMethod(name, parameterTypes)}. */
    private static void bridgeMethod(MethodVisitor mv, String name, String... parameterTypes) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/ClassLoader", "getSystemClassLoader",
                "()Ljava/lang/ClassLoader;", false);
        mv.visitLdcInsn(BRIDGE);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/ClassLoader", "loadClass",
                "(Ljava/lang/String;)Ljava/lang/Class;", false);
        mv.visitLdcInsn(name);
        push(mv, parameterTypes.length);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, CLASS);
        for (int i = 0; i < parameterTypes.length; i++) {
            mv.visitInsn(Opcodes.DUP);
            push(mv, i);
            mv.visitLdcInsn(Type.getObjectType(parameterTypes[i]));
            mv.visitInsn(Opcodes.AASTORE);
        }
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CLASS, "getMethod",
                "(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;", false);
    }

    private static void invoke(MethodVisitor mv) {
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/reflect/Method", "invoke",
                "(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false);
        mv.visitInsn(Opcodes.POP);
    }

    private static void element(MethodVisitor mv, int index, int slot) {
        mv.visitInsn(Opcodes.DUP);
        push(mv, index);
        if (slot < 0) {
            mv.visitInsn(Opcodes.ACONST_NULL);
        } else {
            mv.visitVarInsn(Opcodes.ALOAD, slot);
        }
        mv.visitInsn(Opcodes.AASTORE);
    }

    private static void element(MethodVisitor mv, int index, String constant) {
        mv.visitInsn(Opcodes.DUP);
        push(mv, index);
        mv.visitLdcInsn(constant);
        mv.visitInsn(Opcodes.AASTORE);
    }

    private static void push(MethodVisitor mv, int small) {
        mv.visitInsn(Opcodes.ICONST_0 + small);
    }
}
