#include "textflag.h"

// func Add(sc *int32, dense *int16, rows []int32, blocks int)
//
// For each block of 8 classes, the scores are held in X0 and X1 while the block of every row is
// added: 8 int16 weights, sign-extended to int32 (unpacked with themselves, shifted right by 16).
TEXT ·Add(SB), NOSPLIT, $0-48
	MOVQ sc+0(FP), DI
	MOVQ dense+8(FP), SI
	MOVQ rows_base+16(FP), R8
	MOVQ rows_len+24(FP), R9
	MOVQ blocks+40(FP), CX
	TESTQ R9, R9
	JEQ done
	TESTQ CX, CX
	JEQ done
	XORQ R10, R10 // byte offset of the block in a row
block:
	MOVOU (DI), X0
	MOVOU 16(DI), X1
	MOVQ R8, R11
	MOVQ R9, R12
row:
	MOVLQSX (R11), AX
	LEAQ (SI)(AX*2), BX
	MOVOU (BX)(R10*1), X2
	MOVO X2, X3
	PUNPCKLWL X2, X2
	PSRAL $16, X2
	PUNPCKHWL X3, X3
	PSRAL $16, X3
	PADDL X2, X0
	PADDL X3, X1
	ADDQ $4, R11
	DECQ R12
	JNE row
	MOVOU X0, (DI)
	MOVOU X1, 16(DI)
	ADDQ $32, DI
	ADDQ $16, R10
	DECQ CX
	JNE block
done:
	RET
