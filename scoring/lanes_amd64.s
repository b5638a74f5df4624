#include "textflag.h"

// func addEntriesAVX2(acc *laneSums, entries []uint32, ys *float64, cw *[8]float64, c *[8]uint32)
//
// For each entry e (unit u = e & 0xffff, y = ys[e >> 16]), with a = acc[u]:
// a.swy[k] += cw[k]*y, a.sw[k] += cw[k], a.n[k] += c[k] for the 8 lanes k.
// VMULPD and VADDPD round each lane exactly as MULSD and ADDSD do, and no
// product is fused into an addition, so every lane's bits are those of
// addEntriesGo.
TEXT ·addEntriesAVX2(SB), NOSPLIT, $0-56
	MOVQ acc+0(FP), DI
	MOVQ entries_base+8(FP), SI
	MOVQ entries_len+16(FP), CX
	MOVQ ys+32(FP), DX
	MOVQ cw+40(FP), AX
	MOVQ c+48(FP), BX
	TESTQ CX, CX
	JZ done
	VMOVUPD 0(AX), Y0
	VMOVUPD 32(AX), Y1
	VMOVDQU 0(BX), Y2

loop:
	MOVL (SI), R8
	MOVL R8, R9
	ANDL $0xffff, R8
	SHRL $16, R9
	IMULQ $160, R8
	ADDQ DI, R8
	VBROADCASTSD (DX)(R9*8), Y3
	VMULPD Y0, Y3, Y4
	VMULPD Y1, Y3, Y5
	VADDPD 0(R8), Y4, Y4
	VADDPD 32(R8), Y5, Y5
	VMOVUPD Y4, 0(R8)
	VMOVUPD Y5, 32(R8)
	VADDPD 64(R8), Y0, Y6
	VADDPD 96(R8), Y1, Y7
	VMOVUPD Y6, 64(R8)
	VMOVUPD Y7, 96(R8)
	VPADDD 128(R8), Y2, Y8
	VMOVDQU Y8, 128(R8)
	ADDQ $4, SI
	DECQ CX
	JNZ loop
	VZEROUPPER

done:
	RET

// func addEntriesAVX512(acc *laneSums, entries []uint32, ys *float64, cw *[8]float64, c *[8]uint32)
//
// addEntriesAVX2 with the eight lanes of swy and of sw each in one 512-bit
// register: the same lane-by-lane IEEE products and sums, in half the
// loads, stores and instructions.
TEXT ·addEntriesAVX512(SB), NOSPLIT, $0-56
	MOVQ acc+0(FP), DI
	MOVQ entries_base+8(FP), SI
	MOVQ entries_len+16(FP), CX
	MOVQ ys+32(FP), DX
	MOVQ cw+40(FP), AX
	MOVQ c+48(FP), BX
	TESTQ CX, CX
	JZ done512
	VMOVUPD 0(AX), Z0
	VMOVDQU 0(BX), Y2

loop512:
	MOVL (SI), R8
	MOVL R8, R9
	ANDL $0xffff, R8
	SHRL $16, R9
	IMULQ $160, R8
	ADDQ DI, R8
	VBROADCASTSD (DX)(R9*8), Z3
	VMULPD Z0, Z3, Z4
	VADDPD 0(R8), Z4, Z4
	VMOVUPD Z4, 0(R8)
	VADDPD 64(R8), Z0, Z5
	VMOVUPD Z5, 64(R8)
	VPADDD 128(R8), Y2, Y6
	VMOVDQU Y6, 128(R8)
	ADDQ $4, SI
	DECQ CX
	JNZ loop512
	VZEROUPPER

done512:
	RET
