#include "textflag.h"

// func Slots(base unsafe.Pointer, size uintptr, mask uint64, keys []uint64)
TEXT ·Slots(SB), NOSPLIT, $0-48
	MOVQ base+0(FP), AX
	MOVQ size+8(FP), R8
	MOVQ mask+16(FP), BX
	MOVQ keys_base+24(FP), SI
	MOVQ keys_len+32(FP), CX
	TESTQ CX, CX
	JEQ done
loop:
	MOVQ (SI), DX
	ANDQ BX, DX
	IMULQ R8, DX
	LEAQ (AX)(DX*1), DI
	PREFETCHT0 (DI)
	PREFETCHT0 -1(DI)(R8*1) // the slot's last byte: a slot may straddle two cache lines
	ADDQ $8, SI
	DECQ CX
	JNE loop
done:
	RET
