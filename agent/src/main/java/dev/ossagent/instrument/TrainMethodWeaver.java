package dev.ossagent.instrument;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.AnalyzerAdapter;

/**
 * Rewrites one {@code train} method so that it tells {@link TrainBridge} when it is entered and how it
 * left, and otherwise does exactly what it did:
 *
 * <pre>
 *   try { TrainBridge.enter() } catch (Throwable ignored) {}
 *   body, where each "return v" became "slot = v; goto EXIT"        (any other stack values popped)
 *   EXIT:   try { TrainBridge.exit(slot, null) } catch (Throwable ignored) {}   return slot
 *   THROWN: (handler of the whole body, after the body's own handlers)
 *           slot = t; try { TrainBridge.exit(null, slot) } catch (Throwable ignored) {}   throw slot
 * </pre>
 *
 * Nothing is added to the class (no field, no method), original instructions and line numbers stay
 * as they were, so stack traces are unchanged; a rethrown exception is the same object. Stack map
 * frames are written only for the new code, from the method descriptor and the original frames
 * (expanded, tracked by {@link AnalyzerAdapter}); no class is loaded to compute them.
 */
final class TrainMethodWeaver extends MethodVisitor {
    private static final String THROWABLE = "java/lang/Throwable";
    private static final Object[] NOTHING = new Object[0];

    private final String trainerClass;
    private final String method;
    private final Object[] initialLocals;
    private final Object returnType;
    private final int slot;
    private final boolean frames;
    private final Label bodyStart = new Label();
    private final Label exit = new Label();
    private AnalyzerAdapter analyzer;
    private boolean returnsWoven;

    private TrainMethodWeaver(MethodVisitor next, String trainerClass, String method, Object[] initialLocals,
                              Object returnType, int slot, boolean frames) {
        super(Opcodes.ASM9, next);
        this.trainerClass = trainerClass;
        this.method = method;
        this.initialLocals = initialLocals;
        this.returnType = returnType;
        this.slot = slot;
        this.frames = frames;
    }

    /** The visitor to hand the original method to: an analyzer in front of the weaver. */
    static MethodVisitor create(MethodVisitor next, String owner, int access, String name, String descriptor,
                                int maxLocals, boolean frames) {
        TrainMethodWeaver weaver = new TrainMethodWeaver(next, owner.replace('/', '.'), name,
                initialLocals(owner, access, descriptor), frameType(Type.getReturnType(descriptor)), maxLocals, frames);
        weaver.analyzer = new AnalyzerAdapter(owner, access, name, descriptor, weaver);
        return weaver.analyzer;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, THROWABLE);
        mv.visitLabel(start);
        BridgeCall.enter(mv);
        mv.visitLabel(end);
        mv.visitJumpInsn(Opcodes.GOTO, bodyStart);
        mv.visitLabel(handler);
        frame(initialLocals, THROWABLE);
        mv.visitInsn(Opcodes.POP);
        mv.visitLabel(bodyStart);
        frame(initialLocals, null);
        // Keeps a frame the original code may have at its first instruction at a distinct offset.
        mv.visitInsn(Opcodes.NOP);
    }

    @Override
    public void visitInsn(int opcode) {
        List<Object> stack = analyzer.stack;
        if (opcode != Opcodes.ARETURN || stack == null || stack.isEmpty()) {
            // Unreachable code has no known stack: it is left as it was.
            super.visitInsn(opcode);
            return;
        }
        mv.visitVarInsn(Opcodes.ASTORE, slot);
        for (int i = stack.size() - 2; i >= 0; i--) {
            Object below = i > 0 ? stack.get(i - 1) : null;
            if (Opcodes.TOP.equals(stack.get(i)) && (Opcodes.LONG.equals(below) || Opcodes.DOUBLE.equals(below))) {
                mv.visitInsn(Opcodes.POP2);
                i--;
            } else {
                mv.visitInsn(Opcodes.POP);
            }
        }
        mv.visitJumpInsn(Opcodes.GOTO, exit);
        returnsWoven = true;
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        Label bodyEnd = new Label();
        mv.visitLabel(bodyEnd);
        if (returnsWoven) {
            mv.visitLabel(exit);
            Object[] holdingReturn = localsWithSlot(returnType);
            frame(holdingReturn, null);
            suppressed(holdingReturn, slot, -1, Opcodes.ARETURN);
        }
        Label thrown = new Label();
        mv.visitLabel(thrown);
        frame(NOTHING, THROWABLE);
        mv.visitVarInsn(Opcodes.ASTORE, slot);
        suppressed(localsWithSlot(THROWABLE), -1, slot, Opcodes.ATHROW);
        // Registered last, so the body's own handlers keep their precedence.
        mv.visitTryCatchBlock(bodyStart, bodyEnd, thrown, null);
        super.visitMaxs(maxStack, maxLocals);
    }

    /** {@code try { exit(...) } catch (Throwable ignored) {}} then return or throw what the slot holds. */
    private void suppressed(Object[] locals, int returnedSlot, int thrownSlot, int finalOpcode) {
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, THROWABLE);
        mv.visitLabel(start);
        BridgeCall.exit(mv, returnedSlot, thrownSlot, trainerClass, method);
        mv.visitLabel(end);
        mv.visitVarInsn(Opcodes.ALOAD, slot);
        mv.visitInsn(finalOpcode);
        mv.visitLabel(handler);
        frame(locals, THROWABLE);
        mv.visitInsn(Opcodes.POP);
        mv.visitVarInsn(Opcodes.ALOAD, slot);
        mv.visitInsn(finalOpcode);
    }

    /** Every slot below ours unknown (TOP), ours holding the given type. */
    private Object[] localsWithSlot(Object type) {
        Object[] locals = new Object[slot + 1];
        for (int i = 0; i < slot; i++) {
            locals[i] = Opcodes.TOP;
        }
        locals[slot] = type;
        return locals;
    }

    private void frame(Object[] locals, String stackTop) {
        if (!frames) {
            return;
        }
        Object[] stack = stackTop == null ? NOTHING : new Object[] {stackTop};
        mv.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
    }

    /** The implicit frame at a method's start, as the JVM derives it from the descriptor. */
    private static Object[] initialLocals(String owner, int access, String descriptor) {
        List<Object> locals = new ArrayList<>();
        if ((access & Opcodes.ACC_STATIC) == 0) {
            locals.add(owner);
        }
        for (Type type : Type.getArgumentTypes(descriptor)) {
            locals.add(frameType(type));
        }
        return locals.toArray();
    }

    private static Object frameType(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN:
            case Type.BYTE:
            case Type.CHAR:
            case Type.SHORT:
            case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            case Type.ARRAY:
                return type.getDescriptor();
            default:
                return type.getInternalName();
        }
    }
}
